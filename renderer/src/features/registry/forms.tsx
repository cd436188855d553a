import { Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { call } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { FormModal } from './FormModal';
import { pickerValue, useDeskToday } from '../../time/deskTime';
import {
  CODE_RE, formatArea, ID_TYPES, isValidResidentId, normalizePhone, normalizePlate, parseAreaCenti, ROOM_NO_RE, roomCode, STATES, USAGES,
  type IdType, type Member, type Occupant, type Parking, type RoomCard, type RoomState, type RoomUsage, type Tree, type TreeBuilding, type TreeUnit, type Vehicle,
} from './shared';

/** The registry's create/edit forms. Each mounts open, and calls onClose after it has closed. */
interface Base {
  onClose(): void;
}

const required = (t: Translate): Rule => ({ required: true, whitespace: true, message: t('common.required') });
const phoneRule = (t: Translate): Rule => ({
  validator: (_, v?: string) => (!v || normalizePhone(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('room.phoneBad')))),
});
const DATE = 'YYYY-MM-DD';

/** Whether a household member or a vehicle still counts at the room: shown once the record exists. */
function ActiveField({ t }: { t: Translate }) {
  return (
    <Col span={12}>
      <Form.Item name="active" label={t('room.status')} valuePropName="checked">
        <Switch checkedChildren={t('room.active')} unCheckedChildren={t('room.inactive')} />
      </Form.Item>
    </Col>
  );
}

// ─── building and unit ──────────────────────────────────────────────────────

interface CodeNameFields { code: string; name?: string }

/**
 * Buildings and units are both a short code people say and a name that defaults to the
 * code plus its word (3 → 3栋, 2 → 2单元): one form serves both.
 */
function CodeNameModal({ title, testId, codeLabel, suffix, initial, save, onSaved, onClose }: Base & {
  title: string;
  testId: string;
  codeLabel: string;
  suffix: string;
  initial?: { code: string; name: string };
  save(code: string, name: string): Promise<{ id: string }>;
  onSaved(id: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CodeNameFields>();
  const code = Form.useWatch('code', form) ?? '';
  return (
    <FormModal<CodeNameFields> form={form} title={title} testId={testId} onClose={onClose}
      initialValues={initial ? { code: initial.code, name: initial.name } : {}}
      onSubmit={async (v) => {
        const c = v.code.trim().toUpperCase();
        const { id } = await save(c, v.name?.trim() || `${c}${suffix}`);
        await onSaved(id);
      }}>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="code" label={codeLabel} extra={t('registry.codeHelp')} rules={[required(t), { pattern: CODE_RE, message: t('registry.codeBad') }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="name" label={t('registry.name')} extra={t('registry.nameHelp')} rules={[{ max: 40 }]}>
            <Input placeholder={code.trim() ? `${code.trim().toUpperCase()}${suffix}` : undefined} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

export function BuildingModal({ building, onSaved, onClose }: Base & { building?: TreeBuilding; onSaved(id: string): Promise<void> }) {
  const { t } = useI18n();
  return (
    <CodeNameModal title={building ? t('registry.editBuilding') : t('registry.addBuilding')} testId="building-form" codeLabel={t('registry.buildingCode')} suffix="栋"
      initial={building} onSaved={onSaved} onClose={onClose}
      save={(code, name) => call('registry.saveBuilding', { id: building?.id, code, name })} />
  );
}

export function UnitModal({ building, unit, onSaved, onClose }: Base & { building: TreeBuilding; unit?: TreeUnit; onSaved(id: string): Promise<void> }) {
  const { t } = useI18n();
  return (
    <CodeNameModal title={`${unit ? t('registry.editUnit') : t('registry.addUnit')} · ${building.name}`} testId="unit-form" codeLabel={t('registry.unitCode')} suffix="单元"
      initial={unit} onSaved={onSaved} onClose={onClose}
      save={(code, name) => call('registry.saveUnit', { id: unit?.id, buildingId: building.id, code, name })} />
  );
}

// ─── room ───────────────────────────────────────────────────────────────────

interface RoomFields {
  buildingId: string;
  unitId?: string | null;
  roomNo: string;
  area: string;
  usage: RoomUsage;
  state: RoomState;
  remarks?: string;
}

export function RoomModal({ tree, unitRequired, room, defaults, onSaved, onClose }: Base & {
  tree: Tree;
  /** the site writes 3-2-501: residential rooms need a unit */
  unitRequired: boolean;
  room?: RoomCard['room'];
  /** unitId undefined: the whole building is chosen; null: its rooms outside any unit */
  defaults?: { buildingId?: string; unitId?: string | null };
  onSaved(id: string, code: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RoomFields>();
  const buildingId = Form.useWatch('buildingId', form);
  const unitId = Form.useWatch('unitId', form);
  const roomNo = Form.useWatch('roomNo', form) ?? '';
  const building = tree.find((b) => b.id === buildingId);
  const unit = building?.units.find((u) => u.id === unitId);
  const usage = Form.useWatch('usage', form);
  const unitMissing = !unit && unitRequired && usage === 'residential';
  const preview = building && !unitMissing && ROOM_NO_RE.test(roomNo.trim()) ? roomCode(building.code, unit?.code ?? null, roomNo.trim().toUpperCase()) : null;

  // A new room goes where the tree points; a whole building with a single unit means that unit.
  const startBuilding = tree.find((b) => b.id === defaults?.buildingId) ?? tree[0];
  const startUnit = defaults?.unitId !== undefined ? defaults.unitId : startBuilding?.units.length === 1 ? startBuilding.units[0]!.id : null;
  const initialValues: Partial<RoomFields> = room
    ? { buildingId: room.building_id, unitId: room.unit_id, roomNo: room.room_no, area: formatArea(room.area_centi), usage: room.usage, state: room.state, remarks: room.remarks }
    : { buildingId: startBuilding?.id, unitId: startUnit, usage: 'residential', state: 'vacant' };

  return (
    <FormModal<RoomFields> form={form} title={room ? `${t('registry.editRoom')} · ${room.code}` : t('registry.addRoom')} testId="room-form" width={620} onClose={onClose}
      initialValues={initialValues}
      onSubmit={async (v) => {
        const no = v.roomNo.trim().toUpperCase();
        const { id } = await call('registry.saveRoom', {
          id: room?.id, buildingId: v.buildingId, unitId: v.unitId ?? null, roomNo: no, area: v.area.trim(), usage: v.usage, state: v.state, remarks: v.remarks?.trim() ?? '',
        });
        const b = tree.find((x) => x.id === v.buildingId);
        await onSaved(id, roomCode(b?.code ?? '', b?.units.find((u) => u.id === v.unitId)?.code ?? null, no));
      }}>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="buildingId" label={t('registry.building')} rules={[required(t)]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={tree.map((b) => ({ value: b.id, label: b.name }))}
              onChange={() => form.setFieldValue('unitId', null)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="unitId" label={t('registry.unit')} dependencies={['usage']}
            rules={[({ getFieldValue }) => ({
              validator: (_, v?: string | null) => (!v && unitRequired && getFieldValue('usage') === 'residential' ? Promise.reject(new Error(t('registry.unitRequired'))) : Promise.resolve()),
            })]}>
            <Select allowClear placeholder={t('registry.tree.noUnit')} options={(building?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="roomNo" label={t('registry.roomNo')} extra={preview ? t('registry.codePreview', { code: preview }) : t('registry.roomNoHelp')}
            rules={[required(t), { pattern: ROOM_NO_RE, message: t('registry.roomNoBad') }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="area" label={t('registry.area')} extra={t('registry.areaHelp')}
            rules={[required(t), { validator: (_, v?: string) => (!v || parseAreaCenti(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('registry.areaBad')))) }]}>
            <Input inputMode="decimal" autoComplete="off" suffix="m²" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="usage" label={t('registry.usage')} rules={[required(t)]}>
            <Select options={USAGES.map((u) => ({ value: u, label: t(`registry.usage.${u}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="state" label={t('registry.state')} rules={[required(t)]}>
            <Select options={STATES.map((s) => ({ value: s, label: t(`registry.state.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remarks" label={t('registry.remarks')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

// ─── occupant ───────────────────────────────────────────────────────────────

interface OccupantFields {
  kind: 'owner' | 'tenant';
  name: string;
  phone?: string;
  phone2?: string;
  idType: IdType;
  idNumber?: string;
  moveIn?: Dayjs | null;
  remarks?: string;
}

export function OccupantModal({ roomId, occupant, masked, defaultKind, onSaved, onClose }: Base & {
  roomId: string;
  occupant?: Occupant;
  /** this role sees ID numbers masked: the form cannot show the number it would save back */
  masked: boolean;
  defaultKind: 'owner' | 'tenant';
  onSaved(): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OccupantFields>();
  const today = useDeskToday();
  const idType = Form.useWatch('idType', form) ?? occupant?.id_type ?? 'resident_id';
  // A masked number cannot be edited in place: the field starts empty, and empty keeps what is on record.
  const keeping = Boolean(masked && occupant?.id_number);

  const initialValues: Partial<OccupantFields> = occupant
    ? {
        kind: occupant.kind, name: occupant.name, phone: occupant.phone, phone2: occupant.phone2, idType: occupant.id_type,
        idNumber: keeping ? '' : occupant.id_number, moveIn: occupant.move_in ? dayjs(occupant.move_in) : null, remarks: occupant.remarks,
      }
    : { kind: defaultKind, idType: 'resident_id', moveIn: today ? pickerValue(today.day) : null };

  // a new occupant moves in on the desk's today: the form opens once the store's clock has said
  // which day that is (the browser's own date can be another day at the site)
  if (!occupant && !today) return null;
  return (
    <FormModal<OccupantFields> form={form} title={occupant ? `${t('room.editOccupant')} · ${occupant.name}` : t('room.addOccupant')} testId="occupant-form" width={640} onClose={onClose}
      initialValues={initialValues}
      onSubmit={async (v) => {
        const number = v.idNumber?.trim().toUpperCase() ?? '';
        const keep = keeping && !number && v.idType === occupant?.id_type;
        await call('registry.saveOccupant', {
          id: occupant?.id, roomId, kind: v.kind, name: v.name.trim(), phone: v.phone?.trim() ?? '', phone2: v.phone2?.trim() ?? '',
          // undefined keeps the number on record (see the note on `keeping`)
          idType: keep ? undefined : v.idType, idNumber: keep ? undefined : v.idType === 'none' ? '' : number,
          moveIn: v.moveIn ? v.moveIn.format(DATE) : null, remarks: v.remarks?.trim() ?? '',
        });
        await onSaved();
      }}>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label={t('room.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'owner', label: t('registry.kind.owner') }, { value: 'tenant', label: t('registry.kind.tenant') }]} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('room.name')} rules={[required(t), { max: 40 }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label={t('room.phone')} rules={[phoneRule(t)]}><Input inputMode="tel" autoComplete="off" /></Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone2" label={t('room.phone2')} rules={[phoneRule(t)]}><Input inputMode="tel" autoComplete="off" /></Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="idType" label={t('room.idType')}>
            <Select options={ID_TYPES.map((x) => ({ value: x, label: t(`registry.idType.${x}`) }))}
              onChange={(x: IdType) => x === 'none' && form.setFieldValue('idNumber', '')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="idNumber" label={t('room.idNumber')} dependencies={['idType']}
            extra={keeping ? t('room.idKeep', { masked: occupant?.id_number ?? '' }) : undefined}
            rules={[{ max: 30 }, ({ getFieldValue }) => ({
              validator: (_, raw?: string) => {
                const v = raw?.trim().toUpperCase() ?? '';
                const type = getFieldValue('idType') as IdType;
                if (!v && keeping && type !== occupant?.id_type && type !== 'none') return Promise.reject(new Error(t('room.idTypeNeedsNumber')));
                if (v && type === 'resident_id' && !isValidResidentId(v)) return Promise.reject(new Error(t('room.idBad')));
                return Promise.resolve();
              },
            })]}>
            <Input disabled={idType === 'none'} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="moveIn" label={t('room.moveIn')}><DatePicker format={DATE} style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="remarks" label={t('registry.remarks')} rules={[{ max: 200 }]}><Input autoComplete="off" /></Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

// ─── move-out ───────────────────────────────────────────────────────────────

export function MoveOutModal({ occupant, onSaved, onClose }: Base & { occupant: Occupant; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ date: Dayjs }>();
  const today = useDeskToday();
  // the move-out is dated the desk's today, filled in: the form opens once the store's clock has
  // said which day that is, so Enter never confirms the browser's own date (another day at the
  // site for eight hours a day on a PC whose zone is not the site's)
  if (!today) return null;
  return (
    <FormModal<{ date: Dayjs }> form={form} title={t('room.moveOutTitle', { name: occupant.name })} testId="move-out-form" okText={t('room.moveOut')} danger width={440} onClose={onClose}
      initialValues={{ date: pickerValue(today.day) }}
      onSubmit={async (v) => {
        await call('registry.moveOut', { id: occupant.id, date: v.date.format(DATE) });
        await onSaved();
      }}>
      <Typography.Paragraph type="secondary">{t('room.moveOutNote')}</Typography.Paragraph>
      <Form.Item name="date" label={t('room.moveOutDate')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker autoFocus format={DATE} style={{ width: 200 }}
          disabledDate={(d) => Boolean(occupant.move_in && d.format(DATE) < occupant.move_in)} />
      </Form.Item>
    </FormModal>
  );
}

// ─── household member ───────────────────────────────────────────────────────

interface MemberFields { name: string; relation?: string; phone?: string; active: boolean }

export function MemberModal({ occupant, member, onSaved, onClose }: Base & { occupant: Occupant; member?: Member; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<MemberFields>();
  return (
    <FormModal<MemberFields> form={form} title={`${member ? t('room.editMember') : t('room.addMember')} · ${occupant.name}`} testId="member-form" onClose={onClose}
      initialValues={member ? { name: member.name, relation: member.relation, phone: member.phone, active: member.active === 1 } : { active: true }}
      onSubmit={async (v) => {
        await call('registry.saveMember', { id: member?.id, occupantId: occupant.id, name: v.name.trim(), relation: v.relation?.trim() ?? '', phone: v.phone?.trim() ?? '', active: v.active });
        await onSaved();
      }}>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="name" label={t('room.name')} rules={[required(t), { max: 40 }]}><Input autoFocus autoComplete="off" /></Form.Item></Col>
        <Col span={12}><Form.Item name="relation" label={t('room.relation')} extra={t('room.relationHelp')} rules={[{ max: 20 }]}><Input autoComplete="off" /></Form.Item></Col>
        <Col span={12}><Form.Item name="phone" label={t('room.phone')} rules={[phoneRule(t)]}><Input inputMode="tel" autoComplete="off" /></Form.Item></Col>
        {member && <ActiveField t={t} />}
      </Row>
    </FormModal>
  );
}

// ─── vehicle ────────────────────────────────────────────────────────────────

interface VehicleFields { plate: string; description?: string; active: boolean }

export function VehicleModal({ occupant, vehicle, onSaved, onClose }: Base & { occupant: Occupant; vehicle?: Vehicle; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<VehicleFields>();
  return (
    <FormModal<VehicleFields> form={form} title={`${vehicle ? t('room.editVehicle') : t('room.addVehicle')} · ${occupant.name}`} testId="vehicle-form" onClose={onClose}
      initialValues={vehicle ? { plate: vehicle.plate, description: vehicle.description, active: vehicle.active === 1 } : { active: true }}
      onSubmit={async (v) => {
        await call('registry.saveVehicle', { id: vehicle?.id, occupantId: occupant.id, plate: normalizePlate(v.plate), description: v.description?.trim() ?? '', active: v.active });
        await onSaved();
      }}>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="plate" label={t('room.plate')}
            rules={[required(t), { validator: (_, v?: string) => (!v || /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6}$|^[A-Z0-9]{5,10}$/.test(normalizePlate(v)) ? Promise.resolve() : Promise.reject(new Error(t('room.plateBad')))) }]}>
            <Input autoFocus autoComplete="off" placeholder="粤B12345" />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item name="description" label={t('room.vehicleDesc')} rules={[{ max: 60 }]}><Input autoComplete="off" /></Form.Item></Col>
        {vehicle && <ActiveField t={t} />}
      </Row>
    </FormModal>
  );
}

// ─── parking space ──────────────────────────────────────────────────────────

interface ParkingFields { code: string; tenure: 'owned' | 'rented'; remarks?: string }

export function ParkingModal({ occupant, parking, onSaved, onClose }: Base & { occupant: Occupant; parking?: Parking; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ParkingFields>();
  return (
    <FormModal<ParkingFields> form={form} title={`${parking ? t('room.editParking') : t('room.addParking')} · ${occupant.name}`} testId="parking-form" onClose={onClose}
      initialValues={parking ? { code: parking.code, tenure: parking.tenure, remarks: parking.remarks } : { tenure: occupant.kind === 'owner' ? 'owned' : 'rented' }}
      onSubmit={async (v) => {
        await call('registry.saveParking', { id: parking?.id, code: v.code.trim().toUpperCase(), occupantId: occupant.id, tenure: v.tenure, remarks: v.remarks?.trim() ?? '' });
        await onSaved();
      }}>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="code" label={t('room.parkingCode')} rules={[required(t), { max: 16 }]}><Input autoFocus autoComplete="off" placeholder="B1-023" /></Form.Item></Col>
        <Col span={12}>
          <Form.Item name="tenure" label={t('room.tenure')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'owned', label: t('registry.tenure.owned') }, { value: 'rented', label: t('registry.tenure.rented') }]} />
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="remarks" label={t('registry.remarks')} rules={[{ max: 200 }]}><Input autoComplete="off" /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
