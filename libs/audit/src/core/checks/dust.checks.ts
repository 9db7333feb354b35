import { heldVolume, type PositionSnapshot } from '@hoga/position';
import { discrepancy, note, type Finding } from '../finding.js';

/**
 * dust: a closed position holds exactly what its close declared as dust (nothing, or a volume
 * worth less than the exchange minimum), and says so; a position not closed yet gets a note.
 */
export function dustAndOpenness(positionId: string, s: PositionSnapshot): Finding[] {
  const closed = s.context.closed;
  const held = heldVolume(s.context);
  if (s.status !== 'closed' || closed === null)
    return s.status === 'unopened'
      ? []
      : [
          note(
            'open-position',
            positionId,
            `still ${s.status}: audited as far as it went (holds ${held.toString()})`,
            { status: s.status, held: held.toString() },
          ),
        ];
  if (!held.eq(closed.dustVolume))
    return [
      discrepancy(
        'dust',
        positionId,
        `closed holding ${held.toString()} but its close declares dust ${closed.dustVolume.toString()}`,
        { held: held.toString(), dust: closed.dustVolume.toString() },
      ),
    ];
  if (closed.dustVolume.isZero()) return [];
  return [
    note('dust', positionId, `closed with dust ${closed.dustVolume.toString()} left (not sold)`, {
      dust: closed.dustVolume.toString(),
    }),
  ];
}
