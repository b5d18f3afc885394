// An OpenID Certified provider (panva's oidc-provider) for the portal's sign-in interop tests.
//
// Configured as a deployer would configure a standard provider, with the library's
// default claim behaviour: for the code flow the ID token carries only `sub`; every
// other claim comes from the userinfo endpoint, behind the scope that names it.
// PKCE is required for the portal's clients. Settings come as one JSON argument:
//   port, accounts (path of the demo accounts file), clients ([{client_id,
//   client_secret, redirect_uris, post_logout_redirect_uris}]), skew_seconds (the
//   provider's clock ahead (+) or behind (-) the machine's), omit_null_claims.
// Every request is logged at GET /test/log, for the tests and the README.
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] || '{}');
const port = Number(options.port || 9500);
const skewMs = Number(options.skew_seconds || 0) * 1000;
if (skewMs) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + skewMs;
}

const accounts = new Map(
  JSON.parse(readFileSync(options.accounts, 'utf8')).map((account) => [account.sub, account]),
);
const GREENNODE_CLAIMS = [
  'user_type', 'account_class', 'partner_customer_of', 'company',
  'tax_code', 'website', 'business_phone',
];

async function findAccount(ctx, id) {
  const account = accounts.get(id);
  if (!account) return undefined;
  return {
    accountId: id,
    async claims() {
      const claims = { email_verified: true, ...account };
      delete claims.case;
      if (options.omit_null_claims) {
        for (const [name, value] of Object.entries(claims)) {
          if (value === null) delete claims[name];
        }
      }
      return claims;
    },
  };
}

const issuer = `http://localhost:${port}`;
const provider = new Provider(issuer, {
  clients: options.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  findAccount,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    greennode: GREENNODE_CLAIMS,
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'greennode', 'groups'],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['interop-test-cookie-key-not-a-secret'] },
});
provider.proxy = false;

const seen = [];
provider.use(async (ctx, next) => {
  if (ctx.path === '/test/log') {
    ctx.body = seen;
    return;
  }
  const authorization = ctx.get('authorization');
  await next();
  const entry = {
    method: ctx.method,
    path: ctx.path,
    query: ctx.query,
    status: ctx.status,
    authorization: authorization ? authorization.split(' ')[0] : '',
  };
  if (ctx.path === '/me') entry.response = ctx.body;
  seen.push(entry);
  console.log(JSON.stringify(entry));
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ${issuer} (skew ${skewMs / 1000}s)`);
});
