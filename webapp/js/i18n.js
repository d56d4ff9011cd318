// The page's languages: English and Simplified Chinese, one table of texts each (js/i18n/*.js).
// The language is the one the user picked with the switch (kept in localStorage), else the first
// of navigator.languages that we have (any zh… → zh-CN), else English.
//
// Static texts are marked in the HTML: data-i18n="key" (the element's text), data-i18n-placeholder,
// data-i18n-title, data-i18n-aria-label (that attribute). Texts set from code go through bind()
// with a msg(key, params): they are written again in the new language when the user switches.
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

export const TABLES = {en, 'zh-CN': zhCN};
const STORE = 'duet.lang';
const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];

/** Our language for a list of BCP 47 tags, best first: 'zh-CN' for any Chinese, 'en' otherwise. */
export function pick(tags) {
    for (const tag of tags || []) {
        const lower = String(tag).toLowerCase();
        if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
        if (lower === 'en' || lower.startsWith('en-')) return 'en';
    }
    return 'en';
}

function stored() {
    try {
        const value = localStorage.getItem(STORE);
        return value in TABLES ? value : null;
    } catch {
        return null; // storage blocked
    }
}

let current = stored() ?? pick(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);

export function language() {
    return current;
}

export function has(key) {
    return key in en;
}

/** The text of {@code key} in the page's language, with {name} replaced by params.name. */
export function t(key, params = {}) {
    const text = TABLES[current][key] ?? en[key];
    if (text === undefined) {
        console.warn('No text for', key);
        return key;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A text to show: a key and its params, written out in whatever language is current (String(m)). */
export class Message {
    constructor(key, params = {}) {
        this.key = key;
        this.params = params;
    }

    toString() {
        return t(this.key, this.params);
    }
}

export function msg(key, params = {}) {
    return new Message(key, params);
}

// the texts set from code: element → Map(attribute or 'text' → Message)
const bound = new WeakMap();

function write(node, target, value) {
    if (target === 'text') node.textContent = value;
    else node.setAttribute(target, value);
}

/**
 * Shows {@code text} (a Message, or a plain string such as a name or a browser's error) as the
 * element's text, or as its attribute {@code attribute}; a Message follows language switches.
 */
export function bind(node, text, attribute = 'text') {
    node.removeAttribute(attribute === 'text' ? 'data-i18n' : `data-i18n-${attribute}`);
    let texts = bound.get(node);
    if (text instanceof Message) {
        if (!texts) bound.set(node, texts = new Map());
        texts.set(attribute, text);
        node.setAttribute('data-i18n-bound', '');
    } else if (texts) {
        texts.delete(attribute);
    }
    write(node, attribute, text === null || text === undefined ? '' : String(text));
}

/** Writes every marked text of the document in the current language. */
export function apply(root = document) {
    document.documentElement.lang = current;
    root.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
    for (const attribute of ATTRIBUTES) {
        root.querySelectorAll(`[data-i18n-${attribute}]`).forEach((node) =>
            node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`))));
    }
    root.querySelectorAll('[data-i18n-bound]').forEach((node) => {
        (bound.get(node) || new Map()).forEach((message, target) => write(node, target, String(message)));
    });
    root.querySelectorAll('[data-lang]').forEach((button) =>
        button.setAttribute('aria-pressed', String(button.dataset.lang === current)));
}

/** Switches the page to {@code lang} ('en' or 'zh-CN') and remembers the choice. */
export function setLanguage(lang) {
    if (!(lang in TABLES)) return;
    current = lang;
    try {
        localStorage.setItem(STORE, lang);
    } catch {
        // storage blocked: the choice lasts until the page is left
    }
    apply();
    window.dispatchEvent(new CustomEvent('duet-language', {detail: lang}));
}

// the switch: buttons with data-lang="en" / data-lang="zh-CN"
document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('button[data-lang]');
    if (button) setLanguage(button.dataset.lang);
});

apply();
