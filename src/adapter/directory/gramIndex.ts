/**
 * Which directory slots hold each one- and two-character piece ("gram") of their folded name,
 * anywhere and at the start of a later word, as one bitset per gram. Short queries are answered
 * from the bits alone; longer ones use them to skip names that cannot match.
 */

export class GramIndex {
  private words = 0;
  private readonly anywhere = new Map<string, Uint32Array>();
  private readonly wordStart = new Map<string, Uint32Array>();

  /** The slots whose name holds this gram anywhere, or undefined when none ever did. */
  anywhereBits(gram: string): Uint32Array | undefined {
    return this.anywhere.get(gram);
  }

  /** The slots whose name has a word after the first that starts with this gram. */
  wordStartBits(gram: string): Uint32Array | undefined {
    return this.wordStart.get(gram);
  }

  /** Records the grams of a slot's folded name. */
  add(slot: number, folded: string): void {
    this.reserve(slot);
    forEachGram(folded, (gram, atWordStart) => {
      setBit(this.bitsFor(this.anywhere, gram), slot, true);
      if (atWordStart) setBit(this.bitsFor(this.wordStart, gram), slot, true);
    });
  }

  /** Forgets the grams of a slot's folded name. */
  remove(slot: number, folded: string): void {
    forEachGram(folded, (gram, atWordStart) => {
      const bits = this.anywhere.get(gram);
      if (bits !== undefined) setBit(bits, slot, false);
      const start = atWordStart ? this.wordStart.get(gram) : undefined;
      if (start !== undefined) setBit(start, slot, false);
    });
  }

  /** Approximate bytes held, for the benchmark. */
  get bytes(): number {
    return (this.anywhere.size + this.wordStart.size) * this.words * 4;
  }

  private bitsFor(map: Map<string, Uint32Array>, gram: string): Uint32Array {
    let bits = map.get(gram);
    if (bits === undefined) {
      bits = new Uint32Array(this.words);
      map.set(gram, bits);
    }
    return bits;
  }

  private reserve(slot: number): void {
    if (slot < this.words * 32) return;
    // Doubling keeps growth amortised while a 50,000-entry snapshot loads.
    const words = Math.max((slot >>> 5) + 1, this.words * 2, 64);
    for (const map of [this.anywhere, this.wordStart]) {
      for (const [gram, bits] of map) {
        const grown = new Uint32Array(words);
        grown.set(bits);
        map.set(gram, grown);
      }
    }
    this.words = words;
  }
}

function setBit(bits: Uint32Array, slot: number, on: boolean): void {
  const word = slot >>> 5;
  const mask = 1 << (slot & 31);
  const value = bits[word] as number;
  bits[word] = on ? value | mask : value & ~mask;
}

/** Calls back once per gram occurrence; atWordStart for grams opening a word after the first. */
function forEachGram(folded: string, visit: (gram: string, atWordStart: boolean) => void): void {
  for (let i = 0; i < folded.length; i++) {
    const atWordStart = i > 0 && folded.charCodeAt(i - 1) === 32;
    visit(folded.charAt(i), atWordStart);
    if (i + 1 < folded.length) visit(folded.slice(i, i + 2), atWordStart);
  }
}
