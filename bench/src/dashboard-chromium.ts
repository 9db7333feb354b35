import { readdirSync, readFileSync } from 'node:fs';

/** Debian's Chromium, headless, as the dashboard bench drives it. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * CPU milliseconds used so far by the browser's processes (the chromium this process started and
 * its descendants, from /proc), by kind: `renderer` (the page's process) and `all`.
 */
export function chromiumCpuMs(): { renderer: number; all: number } {
  const tick = 1000 / 100; // USER_HZ
  const children = new Map<number, number[]>();
  const stats = new Map<number, { cpuMs: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      stats.set(pid, { cpuMs: (Number(fields[11]) + Number(fields[12])) * tick });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended meanwhile
    }
  }
  const cmdline = (pid: number): string => {
    try {
      return readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8');
    } catch {
      return ''; // ended
    }
  };
  let renderer = 0;
  let all = 0;
  const visit = (pid: number): void => {
    const cpuMs = stats.get(pid)?.cpuMs ?? 0;
    all += cpuMs;
    if (cmdline(pid).includes('--type=renderer')) renderer += cpuMs;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  for (const pid of children.get(process.pid) ?? [])
    if (cmdline(pid).includes('chromium')) visit(pid);
  return { renderer, all };
}
