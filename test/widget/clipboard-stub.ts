// The Clipboard API replaced for a test: what was written is recorded, or writing fails like a blocked iframe.

export interface ClipboardStub {
  texts: string[];
  restore(): void;
}

export function stubClipboard(options: { blocked?: boolean } = {}): ClipboardStub {
  const texts: string[] = [];
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: async (text: string) => {
        if (options.blocked) throw new DOMException('Write permission denied.', 'NotAllowedError');
        texts.push(text);
      },
    },
  });
  return {
    texts,
    restore() {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    },
  };
}
