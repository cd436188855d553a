import { Tree } from 'antd';
import { useI18n } from '../../i18n';
import type { Scheme } from './useScheme';

/** Browse by the scheme: categories → classes with item counts; picking a node filters by that code prefix. */
export function SchemeTree({ scheme, selected, onSelect }: { scheme: Scheme | null; selected: string; onSelect(prefix: string): void }) {
  const { t } = useI18n();
  const treeData = [{
    key: '',
    title: t('arch.all'),
    children: (scheme?.categories ?? []).map((c) => ({
      key: String(c.code),
      title: `${c.code} ${c.name}（${c.items}）`,
      children: c.classes.map((k) => ({ key: `${c.code}.${k.code}`, title: `${c.code}.${k.code} ${k.name}（${k.items}）`, isLeaf: true })),
    })),
  }];
  return (
    <Tree
      data-testid="scheme-tree"
      treeData={treeData}
      defaultExpandedKeys={['']}
      selectedKeys={[selected]}
      onSelect={(keys) => onSelect(String(keys[0] ?? ''))}
      blockNode
    />
  );
}
