/** A few DOM helpers for the reconstruction's screens. */
type Attrs = Record<string, string | boolean | ((event: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, children: Array<Node | string> = []): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false) el.setAttribute(key, value);
  }
  el.append(...children);
  return el;
}

export function show(root: HTMLElement, view: HTMLElement): void {
  root.replaceChildren(view);
}

/** an alert the page shows when something it relied on failed; adapters read it (role="alert") */
export function alertBox(): { el: HTMLElement; say(message: string): void } {
  const el = h('div', { role: 'alert', hidden: true });
  return {
    el,
    say(message: string) {
      el.textContent = message;
      el.hidden = false;
      console.error(`meeting: ${message}`);
    },
  };
}
