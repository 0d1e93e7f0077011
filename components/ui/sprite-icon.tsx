// Icons drawn from one inline SVG sprite (<IconSprite />, rendered once by the
// app layout) instead of a lucide component per use: a row icon is then two
// elements and a short <use> reference, not a component with its own paths.
// Stroke and size come from the .sb-icon class (app/globals.css).
// Shapes from lucide (ISC licence): star, pencil, trash-2.

const PATHS = {
  star:
    "M11.525 2.295a.53.53 0 0 1 .95 0l2.31 4.679a2.123 2.123 0 0 0 1.595 1.16l5.166.756a.53.53 0 0 1 .294.904l-3.736 3.638a2.123 2.123 0 0 0-.611 1.878l.882 5.14a.53.53 0 0 1-.771.56l-4.618-2.428a2.122 2.122 0 0 0-1.973 0L6.396 21.01a.53.53 0 0 1-.77-.56l.881-5.139a2.122 2.122 0 0 0-.611-1.879L2.16 9.795a.53.53 0 0 1 .294-.906l5.165-.755a2.122 2.122 0 0 0 1.597-1.16z",
  pencil: "M21.174 6.812a1 1 0 0 0-3.986-3.987L3.842 16.174a2 2 0 0 0-.5.83l-1.321 4.352a.5.5 0 0 0 .623.622l4.353-1.32a2 2 0 0 0 .83-.497zM15 5l4 4",
  trash: "M10 11v6M14 11v6M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6M3 6h18M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2",
} as const;

export type SpriteIconName = keyof typeof PATHS;

/** The symbols every <SpriteIcon> points at; render once per page (the app layout does). */
export function IconSprite() {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      {(Object.keys(PATHS) as SpriteIconName[]).map((name) => (
        <symbol key={name} id={`sb-icon-${name}`} viewBox="0 0 24 24">
          <path d={PATHS[name]} />
        </symbol>
      ))}
    </svg>
  );
}

/** The same markup as a string, for server-built HTML (components/contacts/row-html.ts). */
export function spriteIconHtml(name: SpriteIconName): string {
  return `<svg aria-hidden="true" class="sb-icon"><use href="#sb-icon-${name}"></use></svg>`;
}

/** A 16 px stroke icon (lucide style); `className` adds colour or fill. */
export function SpriteIcon({ name, className = "" }: { name: SpriteIconName; className?: string }) {
  return (
    <svg aria-hidden className={`sb-icon ${className}`}>
      <use href={`#sb-icon-${name}`} />
    </svg>
  );
}
