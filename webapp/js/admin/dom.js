// Small DOM helpers the console's views share: elements from tag, attributes and children
// (text is always set as text, never parsed as HTML), tables, dates, the notice and the
// confirmation dialog.

/** An element: el('td', {class: 'num'}, 'text', otherNode). Attributes starting with 'on' are listeners. */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
        if (value === undefined || value === null || value === false) return;
        if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else if (name === 'dataset') Object.assign(node.dataset, value);
        else node.setAttribute(name, value === true ? '' : value);
    });
    children.flat(Infinity).forEach((child) => {
        if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
    });
    return node;
}

/**
 * A table of {@code rows}: columns are [heading, row => cell content]. Each cell carries its
 * heading as data-label, so on a phone admin.css shows every row as a card of label: value (the
 * content in one div, the label's grid neighbour).
 */
export function table(columns, rows, rowAttributes = () => ({})) {
    return el('div', {class: 'table-scroll'}, el('table', {class: 'data'},
        el('thead', {}, el('tr', {}, columns.map(([heading]) => el('th', {scope: 'col'}, heading)))),
        el('tbody', {}, rows.map((row) => el('tr', rowAttributes(row),
            columns.map(([heading, cell]) => el('td', {'data-label': heading}, el('div', {}, cell(row)))))))));
}

/** An ISO instant as local date and time, to the second (yyyy-mm-dd hh:mm:ss), or '—'. */
export function when(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Milliseconds as 1:02:03 / 2:03 / 4.5 s, or '—'. */
export function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    const s = Math.round(ms / 1000);
    const pad = (n) => String(n).padStart(2, '0');
    return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** Shows a message in the page's notice bar ('error' or 'info', and a code for tests); null hides it. */
export function notify(text, kind = 'info', code = '') {
    const notice = document.getElementById('notice');
    notice.hidden = !text;
    notice.textContent = text || '';
    notice.dataset.kind = kind;
    notice.dataset.code = code;
}

/** Asks with the page's own dialog (not window.confirm, which blocks the page): resolves true or false. */
export function confirmAction(question, action) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = question;
    document.getElementById('confirm-ok').textContent = action;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true}));
}

/** Replaces the children of the element with id {@code id}. */
export function show(id, ...children) {
    document.getElementById(id).replaceChildren(...children.flat());
}
