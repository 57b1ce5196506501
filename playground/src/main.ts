import './styles.css';
import { CompileClient } from './compile/compile-client.js';
import { MessageLab } from './messages/message-lab.js';
import { CalculatorTab } from './rpc/calculator-tab.js';
import { el } from './ui/dom.js';

const app = document.querySelector<HTMLElement>('#app');
if (app === null) throw new Error('The page has no #app element.');

const compiler = new CompileClient();
const lab = new MessageLab(compiler);
const calculator = new CalculatorTab(compiler);

const views = [
  { id: 'messages', title: 'Schema & messages', element: lab.element, shown: () => {} },
  {
    id: 'rpc',
    title: 'RPC calculator',
    element: calculator.element,
    shown: () => calculator.shown(),
  },
];

const tabs = el('nav', { className: 'tabs', attrs: { role: 'tablist' } });
const show = (id: string) => {
  for (const view of views) {
    const active = view.id === id;
    view.element.hidden = !active;
    tabs.querySelector(`[data-tab="${view.id}"]`)?.setAttribute('aria-selected', String(active));
    if (active) view.shown();
  }
};
for (const view of views) {
  const tab = el(
    'button',
    {
      attrs: { type: 'button', role: 'tab', 'data-tab': view.id, 'data-testid': `tab-${view.id}` },
    },
    view.title,
  );
  tab.addEventListener('click', () => {
    history.replaceState(null, '', `#${view.id}`);
    show(view.id);
  });
  tabs.append(tab);
}

const header = el(
  'header',
  { className: 'top' },
  el('h1', {}, el('span', { className: 'logo' }, 'capnp-kit'), ' playground'),
  tabs,
  el('p', { className: 'tagline' }, "Cap'n Proto compiled and encoded in your browser"),
);
app.append(header, ...views.map((v) => v.element));
show(location.hash === '#rpc' ? 'rpc' : 'messages');
