/** Head office's PostgreSQL server: every refusal it can show, in both locales. */
export const hqPgErrors = {
  'hqpg.bad_url': {
    'zh-CN': 'PostgreSQL 连接串无效（应为 postgresql://用户:密码@主机:端口/数据库）。',
    'en-US': 'The PostgreSQL connection string is not valid (expected postgresql://user:password@host:port/database).',
  },
  'hqpg.unreachable': {
    'zh-CN': '总部 PostgreSQL 服务器无法连接（{detail}）。共享文件夹中的文件原样保留，服务器恢复后再次导入即可继续。',
    'en-US': 'Head office\'s PostgreSQL server cannot be reached ({detail}). The files stay in the shared folder; import again once the server is back.',
  },
  'hqpg.auth_failed': {
    'zh-CN': 'PostgreSQL 拒绝登录：用户名或密码不对（用户“{user}”）。请在设置中改正连接串。',
    'en-US': 'PostgreSQL refused the sign-in: wrong user name or password (user "{user}"). Correct the connection string in the settings.',
  },
  'hqpg.newer_schema': {
    'zh-CN': '该 PostgreSQL 数据库由较新版本的程序建立（{found}），本机程序较旧，不能写入；请先升级本机程序。',
    'en-US': 'This PostgreSQL database was set up by a newer version of the program ({found}); this PC is older and cannot write to it. Upgrade this PC first.',
  },
  'hqpg.connection_lost': {
    'zh-CN': '与 PostgreSQL 服务器的连接在导入途中断开（{detail}）；正在写入的那一批已整体撤销，文件保留，再次导入即可继续。',
    'en-US': 'The connection to the PostgreSQL server dropped during the import ({detail}); the batch being written was rolled back whole, the files stay; import again to continue.',
  },
  'hqpg.server_error': {
    'zh-CN': 'PostgreSQL 服务器报错：{detail}',
    'en-US': 'The PostgreSQL server reported an error: {detail}',
  },
} as const;
