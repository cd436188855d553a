import { ArrowLeftOutlined, EditOutlined, LockOutlined, LogoutOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { RoomFees } from '../fees/RoomFees';
import { RoomCases } from '../complaints/RoomCases';
import { RoomHandovers } from '../handovers/RoomHandovers';
import { MemberModal, MoveOutModal, OccupantModal, ParkingModal, RoomModal, VehicleModal } from './forms';
import { formatArea, placeLabel, STATE_COLOR, type Member, type Occupant, type Parking, type Tree, type Vehicle } from './shared';

type Dialog =
  | { kind: 'room' }
  | { kind: 'occupant'; occupant?: Occupant }
  | { kind: 'moveOut'; occupant: Occupant }
  | { kind: 'member'; occupant: Occupant; member?: Member }
  | { kind: 'vehicle'; occupant: Occupant; vehicle?: Vehicle }
  | { kind: 'parking'; occupant: Occupant; parking?: Parking }
  | null;

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const orDash = (v: string | null | undefined): ReactNode => (v ? v : dash);

/**
 * The room card (#/registry/room/<id>): the room, who lives there now (with their
 * household, vehicles and parking), who lived there before, and the places later areas
 * fill (bills, complaints, handovers), honestly marked as not built yet.
 */
export function RoomCardPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can, user } = useSession();
  const canWrite = can('registry.write');
  const card = useLoad(() => call('registry.room', { id }), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The room form needs the building/unit lists and the site's code pattern: loaded when it opens.
  const [roomForm, setRoomForm] = useState<{ tree: Tree; unitRequired: boolean } | null>(null);

  if (card.error) return <Refused error={card.error} />;
  if (!card.data) return <Skeleton active />;
  const { room, occupants, idNumbersMasked } = card.data;
  const current = occupants.filter((o) => !o.move_out);
  const past = occupants.filter((o) => o.move_out);
  const saved = async () => {
    void message.success(t('common.saved'));
    await card.reload();
  };

  async function openRoomForm() {
    try {
      const [tree, s] = await Promise.all([call('registry.tree'), call('settings.get')]);
      setRoomForm({ tree, unitRequired: s.settings.roomCodePattern !== 'building-room' });
      setDialog({ kind: 'room' });
    } catch (e) {
      showError(e);
    }
  }

  const idText = (o: Occupant) => (o.id_type === 'none' || !o.id_number
    ? dash
    : (
      <Flex gap={6} align="center" wrap>
        <span>{t(`registry.idType.${o.id_type}`)}</span>
        <Typography.Text code data-testid="id-number" style={{ whiteSpace: 'nowrap' }}>{o.id_number}</Typography.Text>
        {idNumbersMasked && <LockOutlined title={t('room.idMasked', { role: t(`role.${user.role}`) })} style={{ color: '#999' }} />}
      </Flex>
    ));

  const small = (title: string, addLabel: string, add: (() => void) | null, children: ReactNode) => (
    <div style={{ marginTop: 12 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {add && <Button size="small" type="link" icon={<PlusOutlined />} onClick={add}>{addLabel}</Button>}
      </Flex>
      {children}
    </div>
  );

  const activeTag = (active: number) => (active ? <Tag color="green">{t('room.active')}</Tag> : <Tag>{t('room.inactive')}</Tag>);
  const editCol = <T,>(onEdit: (r: T) => void) => (canWrite ? [{ key: 'edit', width: 48, render: (_: unknown, r: T) => <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('staff.edit')} onClick={() => onEdit(r)} /> }] : []);

  const occupantCard = (o: Occupant) => (
    <Card
      key={o.id}
      type="inner"
      size="small"
      data-testid="occupant-card"
      title={<Flex gap={8} align="center"><Tag color={o.kind === 'owner' ? 'gold' : 'cyan'}>{t(`registry.kind.${o.kind}`)}</Tag><span data-testid="occupant-name">{o.name}</span></Flex>}
      extra={canWrite && (
        <Flex gap={8}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'occupant', occupant: o })}>{t('room.editOccupant')}</Button>
          <Button size="small" danger icon={<LogoutOutlined />} onClick={() => setDialog({ kind: 'moveOut', occupant: o })} data-testid="move-out">{t('room.moveOut')}</Button>
        </Flex>
      )}
      style={{ marginBottom: 12 }}
    >
      <Descriptions size="small" column={2} colon={false} styles={{ label: { width: 96 } }}
        items={[
          { key: 'phone', label: t('room.phone'), children: <span data-testid="occupant-phone">{orDash(o.phone)}</span> },
          { key: 'phone2', label: t('room.phone2'), children: orDash(o.phone2) },
          { key: 'id', label: t('room.idNumber'), children: idText(o) },
          { key: 'in', label: t('room.moveIn'), children: orDash(o.move_in) },
          ...(o.remarks ? [{ key: 'remarks', label: t('registry.remarks'), span: 2, children: o.remarks }] : []),
        ]} />

      {small(t('room.members'), t('room.addMember'), canWrite ? () => setDialog({ kind: 'member', occupant: o }) : null,
        o.members.length === 0 ? <Typography.Text type="secondary">{t('room.none')}</Typography.Text> : (
          <Table<Member> rowKey="id" size="small" pagination={false} showHeader={false} dataSource={o.members}
            columns={[
              { dataIndex: 'name', width: 120 },
              { dataIndex: 'relation', width: 100, render: orDash },
              { dataIndex: 'phone', render: orDash },
              { dataIndex: 'active', width: 80, render: activeTag },
              ...editCol<Member>((m) => setDialog({ kind: 'member', occupant: o, member: m })),
            ]} />
        ))}

      {small(t('room.vehicles'), t('room.addVehicle'), canWrite ? () => setDialog({ kind: 'vehicle', occupant: o }) : null,
        o.vehicles.length === 0 ? <Typography.Text type="secondary">{t('room.none')}</Typography.Text> : (
          <Table<Vehicle> rowKey="id" size="small" pagination={false} showHeader={false} dataSource={o.vehicles}
            columns={[
              { dataIndex: 'plate', width: 120, render: (p: string) => <Typography.Text strong>{p}</Typography.Text> },
              { dataIndex: 'description', render: orDash },
              { dataIndex: 'active', width: 80, render: activeTag },
              ...editCol<Vehicle>((v) => setDialog({ kind: 'vehicle', occupant: o, vehicle: v })),
            ]} />
        ))}

      {small(t('room.parking'), t('room.addParking'), canWrite ? () => setDialog({ kind: 'parking', occupant: o }) : null,
        o.parking.length === 0 ? <Typography.Text type="secondary">{t('room.none')}</Typography.Text> : (
          <Table<Parking> rowKey="id" size="small" pagination={false} showHeader={false} dataSource={o.parking}
            columns={[
              { dataIndex: 'code', width: 120, render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
              { dataIndex: 'tenure', width: 100, render: (x: Parking['tenure']) => t(`registry.tenure.${x}`) },
              { dataIndex: 'remarks', render: orDash },
              ...(canWrite ? [{
                key: 'actions', width: 110,
                render: (_: unknown, p: Parking) => (
                  <Flex gap={0}>
                    <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('room.editParking')} onClick={() => setDialog({ kind: 'parking', occupant: o, parking: p })} />
                    <Button size="small" type="text" icon={<UnlockOutlined />}
                      onClick={() => call('registry.saveParking', { id: p.id, code: p.code, occupantId: null, tenure: p.tenure, remarks: p.remarks })
                        .then(() => { void message.success(t('room.released', { code: p.code })); return card.reload(); }, showError)}>
                      {t('room.release')}
                    </Button>
                  </Flex>
                ),
              }] : []),
            ]} />
        ))}
    </Card>
  );

  return (
    <Flex vertical gap={16} data-testid="room-card">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={12}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/registry')} data-testid="room-back">{t('room.back')}</Button>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="room-code">{room.code}</Typography.Title>
          <Tag variant="outlined" color={STATE_COLOR[room.state]} data-testid="room-state">{t(`registry.state.${room.state}`)}</Tag>
          <Tag variant="outlined">{t(`registry.usage.${room.usage}`)}</Tag>
        </Flex>
        {canWrite
          ? <Button icon={<EditOutlined />} onClick={() => void openRoomForm()} data-testid="edit-room">{t('registry.editRoom')}</Button>
          : <Typography.Text type="secondary" data-testid="registry-read-only">{t('registry.readOnly')}</Typography.Text>}
      </Flex>

      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('room.details')}>
              <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 110 } }}
                items={[
                  { key: 'code', label: t('registry.roomCode'), children: room.code },
                  { key: 'place', label: t('room.buildingUnit'), children: [placeLabel(room.building_code, room.building_name), room.unit_code ? placeLabel(room.unit_code, room.unit_name ?? '') : t('registry.tree.noUnit')].join(' · ') },
                  { key: 'floor', label: t('registry.floor'), children: room.floor ?? dash },
                  { key: 'area', label: t('registry.area'), children: <span className="registry-num" data-testid="room-area">{formatArea(room.area_centi)}</span> },
                  { key: 'usage', label: t('registry.usage'), children: t(`registry.usage.${room.usage}`) },
                  { key: 'state', label: t('registry.state'), children: t(`registry.state.${room.state}`) },
                  { key: 'remarks', label: t('registry.remarks'), children: orDash(room.remarks) },
                ]} />
            </Card>
            {can('fees.read') && <RoomFees roomId={room.id} />}
            <RoomHandovers roomId={room.id} />
          </Flex>
        </Col>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('room.current')} data-testid="current-occupants"
              extra={canWrite && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'occupant' })} data-testid="add-occupant">{t('room.addOccupant')}</Button>}>
              {occupants.some((o) => o.id_number) && (
                <Alert type={idNumbersMasked ? 'info' : 'warning'} showIcon style={{ marginBottom: 12 }} data-testid="id-visibility"
                  title={idNumbersMasked ? t('room.idMasked', { role: t(`role.${user.role}`) }) : t('room.idFull')} />
              )}
              {current.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('room.noOccupant')} /> : current.map(occupantCard)}
            </Card>
            <Card size="small" title={t('room.history')} data-testid="occupant-history">
              <Table<Occupant> rowKey="id" size="small" pagination={false} dataSource={past} locale={{ emptyText: t('room.noHistory') }}
                columns={[
                  {
                    title: t('room.name'), dataIndex: 'name', width: 150,
                    render: (n: string, o) => <Flex gap={4} align="center" wrap={false}><Tag>{t(`registry.kind.${o.kind}`)}</Tag><span style={{ whiteSpace: 'nowrap' }}>{n}</span></Flex>,
                  },
                  { title: t('room.phone'), dataIndex: 'phone', width: 130, render: orDash },
                  {
                    title: t('room.idNumber'), key: 'id',
                    render: (_, o) => (o.id_number
                      ? <Typography.Text code title={t(`registry.idType.${o.id_type}`)} style={{ whiteSpace: 'nowrap' }}>{o.id_number}</Typography.Text>
                      : dash),
                  },
                  { title: t('room.moveIn'), dataIndex: 'move_in', width: 110, render: orDash },
                  { title: t('room.moveOutDate'), dataIndex: 'move_out', width: 110, render: orDash },
                ]} />
            </Card>
            <RoomCases roomId={room.id} roomCode={room.code} />
          </Flex>
        </Col>
      </Row>

      {dialog?.kind === 'room' && roomForm && (
        <RoomModal tree={roomForm.tree} unitRequired={roomForm.unitRequired} room={room} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'occupant' && (
        <OccupantModal roomId={room.id} occupant={dialog.occupant} masked={idNumbersMasked} onClose={() => setDialog(null)} onSaved={saved}
          defaultKind={current.some((o) => o.kind === 'owner') ? 'tenant' : 'owner'} />
      )}
      {dialog?.kind === 'moveOut' && (
        <MoveOutModal occupant={dialog.occupant} onClose={() => setDialog(null)}
          onSaved={async () => {
            void message.success(t('room.movedOutDone', { name: dialog.occupant.name }));
            await card.reload();
          }} />
      )}
      {dialog?.kind === 'member' && <MemberModal occupant={dialog.occupant} member={dialog.member} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'vehicle' && <VehicleModal occupant={dialog.occupant} vehicle={dialog.vehicle} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'parking' && <ParkingModal occupant={dialog.occupant} parking={dialog.parking} onClose={() => setDialog(null)} onSaved={saved} />}
    </Flex>
  );
}
