/** A few DOM helpers: elements are built with textContent only (never innerHTML), so no payload can inject markup. */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

/** The body of a section card. */
export function sectionBody(id: string): HTMLElement {
  return byId(id).querySelector<HTMLElement>('.body')!;
}

/** Says what a section with nothing to show is waiting for. */
export function waiting(text: string): HTMLElement {
  return h('p', { class: 'waiting' }, text);
}

export interface Column<T> {
  readonly head: string;
  readonly cell: (row: T) => Child;
  /** right-aligned figures */
  readonly num?: boolean;
}

/** A table in a wrapper that scrolls by itself, so a wide table never widens the page. */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[], rowClass?: (row: T) => string): HTMLElement {
  const head = h('tr', {}, ...columns.map((c) => h('th', c.num ? { class: 'num' } : {}, c.head)));
  const body = rows.map((r) => {
    const tr = h('tr', rowClass ? { class: rowClass(r) } : {}, ...columns.map((c) => h('td', c.num ? { class: 'num' } : {}, c.cell(r))));
    return tr;
  });
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...body)));
}

export function replace(el: HTMLElement, ...children: Node[]): void {
  el.replaceChildren(...children);
}
