import {
  defineHastPlugin,
  type HastNode,
  type HastPluginEntry,
  type PluginFactoryContext,
} from 'satteri';
import { firstTermIn, type GlossaryTerm } from '../domain/glossary/glossary';

const SKIP = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Links the first use of each glossary term in a lesson to its glossary entry. Only prose
 * is touched: never headings, code, existing links, or component attributes.
 */
export function glossaryLinks(
  terms: readonly Pick<GlossaryTerm, 'id' | 'aliases'>[],
): HastPluginEntry {
  return (factory: PluginFactoryContext) => {
    if (!factory.fileURL?.pathname.includes('/content/lessons/')) return null;
    const linked = new Set<string>();
    return defineHastPlugin({
      name: 'casecraft-glossary-links',
      text(node, ctx) {
        for (
          let parent: Readonly<HastNode> | undefined = ctx.parent(node);
          parent;
          parent = ctx.parent(parent)
        ) {
          if (parent.type === 'element' && SKIP.has(parent.tagName)) return;
        }
        const found = firstTermIn(node.value, terms, linked);
        if (!found) return;
        linked.add(found.id);
        ctx.replaceNode(node, [
          { type: 'text', value: node.value.slice(0, found.index) },
          {
            type: 'element',
            tagName: 'a',
            properties: { href: `/glossary/#${found.id}`, className: ['glossary-term'] },
            children: [{ type: 'text', value: found.match }],
          },
          { type: 'text', value: node.value.slice(found.index + found.match.length) },
        ]);
      },
    });
  };
}
