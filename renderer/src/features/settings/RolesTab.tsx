import { CheckOutlined } from '@ant-design/icons';
import { Table, Typography } from 'antd';
import type { Permission, Role } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

/** The permission matrix, read from the store: one row per permission, a column per role. */
export function RolesTab() {
  const { t } = useI18n();
  const { data, error, loading } = useLoad(() => call('roles.matrix'), []);
  if (error) return <Refused error={error} />;
  const roles = (data?.roles ?? []) as Role[];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('roles.intro')}</Typography.Paragraph>
      <Table<{ permission: Permission }>
        rowKey="permission" size="small" pagination={false} loading={loading} data-testid="roles-matrix"
        dataSource={(data?.permissions ?? []).map((p) => ({ permission: p }))}
        columns={[
          { title: t('roles.permission'), dataIndex: 'permission', render: (p: Permission) => t(`perm.${p}`) },
          ...roles.map((r) => ({
            title: t(`role.${r}`),
            key: r,
            align: 'center' as const,
            render: (_: unknown, row: { permission: Permission }) =>
              data?.grants[r].includes(row.permission) ? <CheckOutlined style={{ color: '#2f9e44' }} aria-label="yes" /> : null,
          })),
        ]}
      />
    </>
  );
}
