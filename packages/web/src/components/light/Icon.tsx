import { createElement, type CSSProperties, type ReactNode } from 'react';
import type { IconDefinition } from '@ant-design/icons-svg/lib/types';

interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  children?: SvgNode[];
}

function draw(node: SvgNode, key: number): ReactNode {
  return createElement(node.tag, { key, ...node.attrs }, node.children?.map(draw));
}

/**
 * One of Ant Design's outlined icons, drawn from its bare SVG data: the same pictures as the staff pages,
 * without @ant-design/icons' runtime (its context, style injection and colour helpers) on the student path.
 * Always decorative: the text next to it says what it means.
 */
export default function Icon({
  icon,
  className,
  style,
}: {
  icon: IconDefinition;
  className?: string;
  style?: CSSProperties;
}) {
  const svg = icon.icon as SvgNode;
  return (
    <span aria-hidden="true" className={className ? `yx-icon ${className}` : 'yx-icon'} style={style}>
      {createElement(
        'svg',
        { ...svg.attrs, width: '1em', height: '1em', fill: 'currentColor', focusable: 'false' },
        svg.children?.map(draw),
      )}
    </span>
  );
}
