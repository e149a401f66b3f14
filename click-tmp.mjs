import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:8790/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
const shot = (n) => page.screenshot({ path: `.tmp/ui/${n}.png`, fullPage: true });
const tid = (id) => page.getByTestId(id);
try {
  await page.goto(base);
  await tid('setup-company').fill('Gráfica Exemplo');
  await tid('setup-name').fill('Ana Administradora');
  await tid('setup-username').fill('ana');
  await tid('setup-password').fill('senha-forte-123');
  await tid('setup-password-confirm').fill('senha-forte-123');
  await shot('01-setup');
  await tid('setup-submit').click();
  await tid('company-name').waitFor();
  console.log('company:', await tid('company-name').textContent(), '| user:', await tid('user-name').textContent(), await tid('user-role').textContent());
  await tid('customers-page').waitFor();
  await shot('02-empty-list');
  // create
  await tid('customer-new').click();
  await tid('field-name').fill('João da Silva');
  await tid('field-document').fill('52998224724');
  await page.waitForTimeout(100);
  console.log('doc error live:', await tid('error-document').textContent());
  await tid('field-document').fill('52998224725');
  await tid('field-phone').fill('11987654321');
  await tid('field-whatsapp').fill('11987654321');
  await tid('field-email').fill('joao@example.com');
  await tid('field-birthDate').fill('17051990');
  await tid('field-address.cep').fill('01310100');
  await tid('field-address.street').fill('Av. Paulista');
  await tid('field-address.number').fill('1000');
  await tid('field-address.city').fill('São Paulo');
  await tid('field-address.state').selectOption('SP');
  await tid('field-tags').fill('camisa, vip,');
  await tid('field-preferences').fill('Gosta de dry fit');
  await tid('field-privateNotes').fill('Paga em dia');
  console.log('masked:', await tid('field-document').inputValue(), await tid('field-phone').inputValue(), await tid('field-birthDate').inputValue(), await tid('field-address.cep').inputValue());
  await shot('03-form');
  await tid('customer-save').click();
  await tid('customer-name').waitFor();
  console.log('heading:', await tid('customer-name').textContent(), '| doc:', await tid('customer-document').textContent(), '| wa:', await tid('customer-whatsapp-link').getAttribute('href'));
  // interaction
  await tid('field-interaction-notes').fill('Pediu orçamento de 50 camisas');
  await tid('interaction-save').click();
  await tid('interaction').first().waitFor();
  console.log('interaction:', (await tid('interaction').first().textContent()).slice(0, 80));
  await shot('04-customer');
  // duplicate doc -> server field error
  await page.goto(base + '#/clientes/novo');
  await tid('field-name').fill('Outro João');
  await tid('field-document').fill('52998224725');
  await tid('customer-save').click();
  await tid('error-document').waitFor();
  console.log('server field error:', await tid('error-document').textContent());
  // validation client
  await tid('field-document').fill('');
  await tid('field-phone').fill('0012');
  await tid('customer-save').click();
  console.log('client phone error:', await tid('error-phone').textContent());
  await shot('05-errors');
  // list + search
  await page.goto(base + '#/clientes');
  await tid('customer-row').first().waitFor();
  console.log('range:', await tid('list-range').textContent(), 'rows:', await tid('customer-row').count());
  await tid('customer-search').fill('joao');
  await page.waitForTimeout(600);
  console.log('search joao rows:', await tid('customer-row').count());
  await tid('customer-search').fill('zzzz');
  await tid('customers-empty').waitFor();
  console.log('empty ok');
  await tid('customer-search').fill('');
  await page.waitForTimeout(400);
  await shot('06-list');
  // Conflict: open edit, change in another context, save
  await tid('customer-row').first().click();
  await tid('customer-edit').click();
  await tid('field-email').fill('novo@example.com');
  const token = await page.evaluate(() => localStorage.getItem('balcao.token'));
  const id = page.url().match(/clientes\/(\d+)/)[1];
  const cur = await (await fetch(`${base}api/customers/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const r = await fetch(`${base}api/customers/${id}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ version: cur.version, name: 'João da Silva Sauro' }) });
  console.log('other edit', r.status);
  await tid('stale-banner').waitFor({ timeout: 5000 });
  console.log('stale banner (realtime):', await tid('stale-banner').textContent());
  await tid('customer-save').click();
  await page.waitForTimeout(500);
  await shot('07-stale');
  await tid('stale-reload').click();
  await tid('reloaded-notice').waitFor();
  console.log('after reload email:', await tid('field-email').inputValue(), 'name:', await tid('field-name').inputValue());
  await tid('customer-save').click();
  await tid('customer-name').waitFor();
  console.log('saved heading:', await tid('customer-name').textContent(), 'email:', await tid('customer-email').textContent());
  // deactivate
  await tid('customer-deactivate').click();
  await tid('confirm-ok').click();
  await tid('customer-inactive').waitFor();
  console.log('deactivated ok');
  await tid('customer-reactivate').click();
  await tid('customer-deactivate').waitFor();
  console.log('reactivated ok');
  // users
  await tid('nav-users').click();
  await tid('user-row').first().waitFor();
  await tid('user-new').click();
  await tid('field-name').fill('Beto Vendedor');
  await tid('field-username').fill('beto');
  await tid('field-role').selectOption('vendedor');
  await tid('field-password').fill('senha-do-beto');
  await tid('user-save').click();
  await page.waitForTimeout(700);
  console.log('users:', await tid('user-row').count());
  await shot('08-users');
  // api page
  await tid('nav-api').click();
  await tid('api-operation').first().waitFor();
  console.log('api ops:', await tid('api-operation').count());
  await tid('api-operation').nth(6).locator('summary').click();
  await shot('09-api');
  // change password
  await tid('change-password').click();
  await tid('field-currentPassword').fill('errada123');
  await tid('field-newPassword').fill('nova-senha-123');
  await tid('field-confirm').fill('nova-senha-123');
  await tid('password-save').click();
  await tid('error-currentPassword').waitFor();
  console.log('wrong current:', await tid('error-currentPassword').textContent());
  await page.keyboard.press('Escape');
  // logout, login as beto
  await tid('logout').click();
  await tid('login-username').waitFor();
  await tid('login-username').fill('beto');
  await tid('login-password').fill('errada');
  await tid('login-submit').click();
  await tid('login-error').waitFor();
  console.log('login error:', await tid('login-error').textContent());
  await tid('login-password').fill('senha-do-beto');
  await tid('login-submit').click();
  await tid('user-name').waitFor();
  console.log('beto sees users nav:', await tid('nav-users').count(), 'role:', await tid('user-role').textContent());
  await tid('customer-row').first().click();
  await tid('customer-name').waitFor();
  console.log('beto sees private notes:', await tid('customer-private-notes').count(), 'delete btn:', await tid('customer-delete').count());
  // phone viewport
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(base + '#/clientes');
  await tid('customer-row').first().waitFor();
  await shot('10-phone');
} catch (e) {
  console.log('FAILED', e.message);
  await shot('99-fail');
}
console.log('PROBLEMS', problems);
await browser.close();
