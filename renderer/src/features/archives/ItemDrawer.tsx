import { Descriptions, Drawer, Tag } from 'antd';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

/** One item, everything recorded about it (restricted items refuse unless the role may open them). */
export function ItemDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const { data, error } = useLoad(() => call('archives.item', { id }), [id]);
  return (
    <Drawer open width={520} onClose={onClose} title={data?.ref_code ?? ''} data-testid="item-drawer">
      {error ? <Refused error={error} /> : data && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('arch.code')}>{data.ref_code}</Descriptions.Item>
          <Descriptions.Item label={t('arch.title')}>{data.title}</Descriptions.Item>
          <Descriptions.Item label={t('arch.year')}>{data.year}</Descriptions.Item>
          <Descriptions.Item label={t('arch.producedOn')}>{data.produced_on ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('arch.retention')}>{t(`arch.ret.${data.retention}`)}</Descriptions.Item>
          <Descriptions.Item label={t('arch.form')}>{t(`arch.form.${data.form}`)}</Descriptions.Item>
          <Descriptions.Item label={t('arch.pieces')}>{data.piece_count}</Descriptions.Item>
          <Descriptions.Item label={t('arch.location')}>{[data.location_room, data.cabinet, data.shelf, data.box].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('arch.confidentiality')}>{t(`arch.conf.${data.confidentiality}`)}</Descriptions.Item>
          <Descriptions.Item label={t('arch.status')}><Tag>{t(`arch.status.${data.status}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('arch.fondsNo')}>{data.fonds_no || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('arch.libraryNo')}>{data.library_no || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('arch.remarks')}>{data.remarks || '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
