/** The words of a markdown-it inline token: markup dropped, link text and image alt text kept. */
import type { Token } from 'markdown-it';


export function inlineText(inline: Token): string {
  let text = '';
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content;
        break;
      case 'image':
        text += child.children ? inlineText(child) : child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
    }
  }
  return text;
}
