import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Table, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { BuildingModal, RoomModal, UnitModal } from './forms';
import { ImportExportButtons } from './import/ImportExportButtons';
import { RoomSearch } from './RoomSearch';
import { formatArea, lastSelection, placeLabel, STATE_COLOR, type RoomRow, type Selection, type Tree as TreeData } from './shared';

type Dialog =
  | { kind: 'building'; edit: boolean }
  | { kind: 'unit'; edit: boolean }
  | { kind: 'room' }
  | null;

const keyOf = (s: Selection) => (s.unitId === undefined ? `b:${s.buildingId}` : s.unitId === null ? `n:${s.buildingId}` : `u:${s.unitId}`);

function selectionOf(key: string, tree: TreeData): Selection | null {
  const [kind, id] = key.split(':') as [string, string];
  if (kind === 'b' || kind === 'n') return { buildingId: id, unitId: kind === 'b' ? undefined : null };
  const b = tree.find((x) => x.units.some((u) => u.id === id));
  return b ? { buildingId: b.id, unitId: id } : null;
}

/**
 * 登记: the search box (autofocused) above a building → unit tree with room counts, and
 * the rooms of what is chosen. Editing is offered to roles with registry.write only; the
 * store refuses everyone else anyway.
 */
export function RegistryPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const canWrite = can('registry.write');
  const tree = useLoad(() => call('registry.tree'), []);
  const settings = useLoad(() => call('settings.get'), []);
  const [sel, setSelState] = useState<Selection | null>(lastSelection.get);
  const [expanded, setExpanded] = useState<string[]>(() => (sel ? [`b:${sel.buildingId}`] : []));
  const [dialog, setDialog] = useState<Dialog>(null);

  const setSel = (s: Selection | null) => {
    lastSelection.set(s);
    setSelState(s);
    if (s) setExpanded((e) => (e.includes(`b:${s.buildingId}`) ? e : [...e, `b:${s.buildingId}`]));
  };

  // Start on the first building; forget a selection whose building has gone (another site, a restore).
  useEffect(() => {
    if (!tree.data) return;
    if (sel && tree.data.some((b) => b.id === sel.buildingId)) return;
    const first = tree.data[0];
    setSel(first ? { buildingId: first.id } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tree.data]);

  const rooms = useLoad(
    () => (sel ? call('registry.rooms', { buildingId: sel.buildingId, unitId: sel.unitId }) : Promise.resolve([] as RoomRow[])),
    [sel?.buildingId, sel?.unitId],
  );

  const building = tree.data?.find((b) => b.id === sel?.buildingId);
  const unit = sel?.unitId ? building?.units.find((u) => u.id === sel.unitId) : undefined;

  const treeData = useMemo<DataNode[]>(() => (tree.data ?? []).map((b) => {
    const count = (rooms: number, lived: number) => (
      <span className="registry-count" title={t('registry.tree.countsTitle', { rooms, lived })}>{t('registry.tree.counts', { rooms, lived })}</span>
    );
    const children: DataNode[] = b.units.map((u) => ({
      key: `u:${u.id}`,
      isLeaf: true,
      title: <Flex justify="space-between" gap={8}><span>{placeLabel(u.code, u.name)}</span>{count(u.rooms, u.lived)}</Flex>,
    }));
    if (b.roomsWithoutUnit > 0 && b.units.length > 0) {
      children.push({ key: `n:${b.id}`, isLeaf: true, title: <Flex justify="space-between" gap={8}><span>{t('registry.tree.noUnit')}</span>{count(b.roomsWithoutUnit, 0)}</Flex> });
    }
    return {
      key: `b:${b.id}`,
      isLeaf: children.length === 0,
      title: <Flex justify="space-between" gap={8}><Typography.Text strong>{placeLabel(b.code, b.name)}</Typography.Text>{count(b.rooms, b.lived)}</Flex>,
      children,
    };
  }), [tree.data, t]);

  if (tree.error) return <Refused error={tree.error} />;

  async function reloadAll() {
    await Promise.all([tree.reload(), rooms.reload()]);
  }

  const heading = building ? [placeLabel(building.code, building.name), unit ? placeLabel(unit.code, unit.name) : sel?.unitId === null ? t('registry.tree.noUnit') : null].filter(Boolean).join(' · ') : '';

  const toolbar = (
    <Flex gap={8} align="center" wrap data-testid="registry-toolbar">
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'building', edit: false })} data-testid="add-building">{t('registry.addBuilding')}</Button>}
      <ImportExportButtons onChanged={reloadAll} />
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" justify="space-between" wrap>
        <RoomSearch autoFocus />
        {toolbar}
      </Flex>
      {!canWrite && <Typography.Text type="secondary" data-testid="registry-read-only">{t('registry.readOnly')}</Typography.Text>}

      {tree.data && tree.data.length === 0 ? (
        <Card>
          <Empty description={<>{t('registry.empty')}<br />{t('registry.emptyHint')}</>} data-testid="registry-empty">
            {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'building', edit: false })}>{t('registry.addBuilding')}</Button>}
          </Empty>
        </Card>
      ) : (
        <Flex gap={16} align="flex-start">
          <Card size="small" title={t('registry.tree.title')} style={{ width: 300, flex: 'none' }} loading={tree.loading && !tree.data} styles={{ body: { padding: 8 } }}>
            <Tree
              className="registry-tree"
              blockNode
              showLine={false}
              treeData={treeData}
              selectedKeys={sel ? [keyOf(sel)] : []}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              onSelect={(keys) => {
                const s = keys[0] !== undefined && tree.data ? selectionOf(String(keys[0]), tree.data) : null;
                if (s) setSel(s);
              }}
              data-testid="registry-tree"
            />
          </Card>
          <Card
            size="small"
            style={{ flex: 1, minWidth: 0 }}
            title={<span data-testid="rooms-heading">{heading || t('registry.pickNode')}</span>}
            extra={canWrite && building && (
              <Flex gap={8} wrap>
                {unit
                  ? <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'unit', edit: true })}>{t('registry.editUnit')}</Button>
                  : <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'building', edit: true })}>{t('registry.editBuilding')}</Button>}
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'unit', edit: false })} data-testid="add-unit">{t('registry.addUnit')}</Button>
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'room' })} data-testid="add-room">{t('registry.addRoom')}</Button>
              </Flex>
            )}
          >
            <Table<RoomRow>
              rowKey="id"
              size="small"
              loading={rooms.loading}
              dataSource={sel ? (rooms.data ?? []) : []}
              pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: sel ? t('registry.noRooms') : t('registry.pickNode') }}
              onRow={(r) => ({ onClick: () => navigate(`/registry/room/${r.id}`), style: { cursor: 'pointer' } })}
              data-testid="rooms-table"
              columns={[
                { title: t('registry.roomCode'), dataIndex: 'code', width: 120, render: (code: string, r) => <a href={`#/registry/room/${r.id}`} onClick={(e) => e.stopPropagation()}>{code}</a> },
                { title: t('registry.floor'), dataIndex: 'floor', width: 70, align: 'right', render: (f: number | null) => f ?? '—' },
                { title: t('registry.area'), dataIndex: 'area_centi', width: 110, align: 'right', render: (a: number) => <span className="registry-num">{formatArea(a)}</span> },
                { title: t('registry.usage'), dataIndex: 'usage', width: 100, render: (u: RoomRow['usage']) => t(`registry.usage.${u}`) },
                { title: t('registry.state'), dataIndex: 'state', width: 100, render: (s: RoomRow['state']) => <Tag color={STATE_COLOR[s]}>{t(`registry.state.${s}`)}</Tag> },
                { title: t('registry.occupantsNow'), dataIndex: 'occupants', ellipsis: true, render: (o: string | null) => o ?? <Typography.Text type="secondary">—</Typography.Text> },
              ]}
            />
          </Card>
        </Flex>
      )}

      {dialog?.kind === 'building' && (
        <BuildingModal building={dialog.edit ? building : undefined} onClose={() => setDialog(null)}
          onSaved={async (id) => {
            void message.success(t('common.saved'));
            await tree.reload();
            if (!dialog.edit) setSel({ buildingId: id });
          }} />
      )}
      {dialog?.kind === 'unit' && building && (
        <UnitModal building={building} unit={dialog.edit ? unit : undefined} onClose={() => setDialog(null)}
          onSaved={async (id) => {
            void message.success(t('common.saved'));
            await tree.reload();
            setSel({ buildingId: building.id, unitId: id });
          }} />
      )}
      {dialog?.kind === 'room' && tree.data && (
        <RoomModal tree={tree.data} unitRequired={settings.data?.settings.roomCodePattern !== 'building-room'}
          defaults={{ buildingId: sel?.buildingId, unitId: sel?.unitId }} onClose={() => setDialog(null)}
          onSaved={async (_id, code) => {
            void message.success(t('registry.savedRoom', { code }));
            await reloadAll();
          }} />
      )}
    </Flex>
  );
}
