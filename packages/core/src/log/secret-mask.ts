// The secrets of a run (EKS tokens, AWS secret keys, session tokens) and their
// removal from any text that leaves core: log lines, error messages, outputs.
// `onAdd` lets a front end register each one with its own masking too
// (GitHub's `core.setSecret`).

export const MASK = "***";

/** Secrets shorter than this are not masked: masking "a" would garble every line. */
const MIN_SECRET_LENGTH = 8;

export class SecretMask {
  readonly #secrets = new Set<string>();
  readonly #onAdd: ((secret: string) => void) | undefined;

  constructor(onAdd?: (secret: string) => void) {
    this.#onAdd = onAdd;
  }

  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH || this.#secrets.has(secret))
      return;
    this.#secrets.add(secret);
    this.#onAdd?.(secret);
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(MASK);
    }
    return out;
  }

  get size(): number {
    return this.#secrets.size;
  }
}
