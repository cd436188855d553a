import { Alert, Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { ItemCustody } from '../handovers/TransferView';
import { CorrectionHistory, CorrectModal } from './CorrectModals';
import { RegisterTable } from './RegisterTable';
import { ReturnModal } from './ReturnModal';
import { ScanSection } from './ScanSection';

/** One item, everything recorded about it: where it is, its scans and its register (restricted items refuse unless the role may open them). */
export function ItemDrawer({ id, onClose, onChanged }: { id: string; onClose(): void; onChanged?(): void }) {
  const { t } = useI18n();
  const { can, user } = useSession();
  const showError = useShowError();
  const { data, error, reload } = useLoad(() => call('archives.item', { id }), [id]);
  const [returning, setReturning] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const changed = () => {
    void reload();
    onChanged?.();
  };
  return (
    <Drawer
      open width={640} onClose={onClose} title={data?.ref_code ?? ''} data-testid="item-drawer"
      // the centre head reads without a request; the reading still goes into the register
      extra={data && data.status !== 'destroyed' && (
        <Space>
          {can('archives.write') && <Button onClick={() => setCorrecting(true)} data-testid="correct-item">{t('arch.fix.open')}</Button>}
          {user.role === 'manager' && (
            <Button onClick={() => void call('archives.recordUse', { itemIds: [data.id], event: 'read' }).then(changed, showError)} data-testid="read-self">{t('arch.readSelf')}</Button>
          )}
        </Space>
      )}
    >
      {error ? <Refused error={error} /> : data && (
        <>
          {data.loan && (
            <Alert
              type={data.loan.overdue ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} data-testid="where-out"
              message={<>{t('arch.whereOut', { borrower: data.loan.borrower, due: data.loan.dueOn })} {data.loan.overdue && <Tag color="red">{t('arch.overdue')}</Tag>}</>}
              action={can('archives.write') && <Button size="small" onClick={() => setReturning(true)} data-testid="return-item">{t('arch.return')}</Button>}
            />
          )}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('arch.code')}>{data.ref_code}</Descriptions.Item>
            <Descriptions.Item label={t('arch.status')}><Tag>{t(`arch.status.${data.status}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('arch.title')} span={2}>{data.title}</Descriptions.Item>
            <Descriptions.Item label={t('arch.year')}>{data.year}</Descriptions.Item>
            <Descriptions.Item label={t('arch.producedOn')}>{data.produced_on ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('arch.retention')}>{t(`arch.ret.${data.retention}`)}</Descriptions.Item>
            <Descriptions.Item label={t('arch.form')}>{t(`arch.form.${data.form}`)}</Descriptions.Item>
            <Descriptions.Item label={t('arch.pieces')}>{data.piece_count}</Descriptions.Item>
            <Descriptions.Item label={t('arch.confidentiality')}>{t(`arch.conf.${data.confidentiality}`)}</Descriptions.Item>
            <Descriptions.Item label={t('arch.location')} span={2}>{[data.location_room, data.cabinet, data.shelf, data.box].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('arch.fondsNo')}>{data.fonds_no || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('arch.libraryNo')}>{data.library_no || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('arch.remarks')} span={2}>{data.remarks || '—'}</Descriptions.Item>
          </Descriptions>
          <ItemCustody itemId={data.id} majorEvent={data.major_event === 1} onChanged={changed} />
          <ScanSection itemId={data.id} scans={data.scans} onChanged={changed} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('arch.register')}</Typography.Title>
          <RegisterTable lines={data.register} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('arch.fix.history')}</Typography.Title>
          <CorrectionHistory rows={data.corrections} />
          <ReturnModal items={returning ? [data] : null} onClose={() => setReturning(false)} onDone={changed} />
          <CorrectModal item={correcting ? data : null} onClose={() => setCorrecting(false)} onDone={changed} />
        </>
      )}
    </Drawer>
  );
}
