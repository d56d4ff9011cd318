// Small inline-SVG charts for the console: vertical bars (optionally with a highlighted part of
// each bar), horizontal bars and a ring for one share. Sized by viewBox, so they scale to their
// box; colours come from admin.css (classes), every mark has a <title> (hover, screen readers).
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
}

function title(text) {
    return svg('title', {}, text);
}

function chart(width, height, label) {
    return svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label});
}

/** A round upper bound for an axis: 1, 2, 5, 10, 20, 50… at least {@code max}. */
function niceMax(max) {
    if (max <= 1) return 1;
    const power = 10 ** Math.floor(Math.log10(max));
    return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max);
}

/**
 * Vertical bars: items [{label, value, part?, tip}], {@code part} (≤ value) drawn in the accent
 * colour over the bar. Labels are thinned out to fit.
 */
export function bars(items, {label, partName = ''} = {}) {
    // about the size it is shown at (a third of the desktop card, or a phone's width), so 11-12px text stays legible
    const width = 360;
    const height = 200;
    const left = 28;
    const right = 18; // room for the last label, centred under its bar
    const bottom = 24;
    const top = 10;
    const plot = height - bottom - top;
    const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
    const node = chart(width, height, label);
    for (const tick of [0, max / 2, max].filter(Number.isInteger)) { // counts: whole ticks only
        const y = top + plot - (tick / max) * plot;
        node.append(svg('line', {x1: left, x2: width - right, y1: y, y2: y, class: 'grid'}),
            svg('text', {x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end'}, String(tick)));
    }
    const step = (width - left - right) / Math.max(1, items.length);
    const every = Math.ceil(items.length / 6);
    items.forEach((item, i) => {
        const x = left + i * step + step * 0.15;
        const w = Math.max(1, step * 0.7);
        const h = (item.value / max) * plot;
        const bar = svg('g', {class: 'bar'}, title(item.tip || `${item.label}: ${item.value}`),
            svg('rect', {x, y: top + plot - h, width: w, height: h, class: 'value'}));
        if (item.part) {
            const p = (item.part / max) * plot;
            bar.append(svg('rect', {x, y: top + plot - p, width: w, height: p, class: 'part'}));
        }
        node.append(bar);
        if (i % every === 0) {
            node.append(svg('text', {x: x + w / 2, y: height - 6, class: 'tick', 'text-anchor': 'middle'}, item.label));
        }
    });
    if (partName) node.dataset.partName = partName;
    return node;
}

/** Horizontal bars, one a row: items [{label, value}], the value written after each bar. */
export function rows(items, {label} = {}) {
    const width = 360;
    const row = 26;
    const left = 112;
    const height = Math.max(1, items.length) * row + 4;
    const max = Math.max(1, ...items.map((i) => i.value));
    const node = chart(width, height, label);
    items.forEach((item, i) => {
        const y = 2 + i * row;
        const w = (item.value / max) * (width - left - 40);
        node.append(svg('g', {class: 'bar'}, title(`${item.label}: ${item.value}`),
            svg('text', {x: left - 6, y: y + row / 2 + 4, class: 'label', 'text-anchor': 'end'}, item.label),
            svg('rect', {x: left, y: y + 4, width: Math.max(1, w), height: row - 8, class: 'value'}),
            svg('text', {x: left + w + 6, y: y + row / 2 + 4, class: 'label'}, String(item.value))));
    });
    return node;
}

/** A ring showing {@code part} of {@code whole}, the percentage in its middle. */
export function ring(part, whole, {label, caption} = {}) {
    const size = 200;
    const r = 80;
    const circumference = 2 * Math.PI * r;
    const share = whole > 0 ? part / whole : 0;
    const node = chart(size, size, label);
    node.classList.add('ring');
    node.append(svg('circle', {cx: size / 2, cy: size / 2, r, class: 'track'}),
        svg('circle', {cx: size / 2, cy: size / 2, r, class: 'share', 'stroke-dasharray': `${share * circumference} ${circumference}`,
            transform: `rotate(-90 ${size / 2} ${size / 2})`}, title(`${part} of ${whole}`)),
        svg('text', {x: size / 2, y: size / 2 + 4, class: 'big', 'text-anchor': 'middle'}, whole > 0 ? `${Math.round(share * 100)}%` : '—'),
        svg('text', {x: size / 2, y: size / 2 + 30, class: 'tick', 'text-anchor': 'middle'}, caption || `${part} of ${whole}`));
    return node;
}
