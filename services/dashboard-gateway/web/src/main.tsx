import { render } from 'solid-js/web';
import { formatKrw } from '@hoga/model/krw-format';
import { Decimal } from 'decimal.js';

const root = document.getElementById('root');
if (root !== null) render(() => <main>hoga {formatKrw(new Decimal('1234567'), 'ko')}</main>, root);
