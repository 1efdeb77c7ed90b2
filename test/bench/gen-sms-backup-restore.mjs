#!/usr/bin/env node
// Deterministic synthetic SMS Backup & Restore XML backup, for the import benchmark.
//
//   node gen-sms-backup-restore.mjs --messages 1000000 --seed 1 [--contacts 300] > sms.xml
//
// --messages N   number of records written (<sms> and <mms>), default 1000
// --seed S       integer seed (same seed + options => byte-identical output), default 1
// --contacts C   counterparts, 1..5000, default 300 (each one conversation; a few MMS go to groups)
//
// Shaped like the app's own output (test/fixtures/sms/sms-backup-restore.xml): the producer comment,
// <smses count=…>, one record per line with every attribute the app writes. Mix: ~97% SMS (about
// 55% received, 45% sent), ~3% MMS with a text part and ~a third of those a small JPEG part; bodies
// 1-40 words, with characters XML must escape (& < > " ') and emoji. Dates increase from
// 2020-03-02 08:00 UTC. Writes only the backup to stdout; errors go to stderr. No dependencies.

const argv = process.argv.slice(2);
function opt(name, def) {
  const i = argv.indexOf(name);
  if (i < 0) return def;
  if (i + 1 >= argv.length) fail(`missing value for ${name}`);
  return argv[i + 1];
}
function fail(msg) {
  process.stderr.write(`gen-sms-backup-restore: ${msg}\n`);
  process.exit(2);
}
for (let i = 0; i < argv.length; i += 2) {
  if (!['--messages', '--seed', '--contacts'].includes(argv[i])) fail(`unknown option ${argv[i]}`);
}
const N = Number(opt('--messages', '1000'));
const SEED = Number(opt('--seed', '1'));
const NC = Number(opt('--contacts', '300'));
if (!Number.isInteger(N) || N < 1) fail('--messages must be a positive integer');
if (!Number.isInteger(SEED)) fail('--seed must be an integer');
if (!Number.isInteger(NC) || NC < 1 || NC > 5000) fail('--contacts must be an integer from 1 to 5000');

// ---------------------------------------------------------------- PRNG (sfc32 seeded by splitmix32)
let s0, s1, s2, s3;
{
  let x = (SEED >>> 0) ^ 0x9e3779b9;
  const sm = () => {
    x = (x + 0x9e3779b9) | 0;
    let t = x ^ (x >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  s0 = sm();
  s1 = sm();
  s2 = sm();
  s3 = sm();
}
function rnd() {
  const t = (((s0 + s1) | 0) + s3) | 0;
  s3 = (s3 + 1) | 0;
  s0 = s1 ^ (s1 >>> 9);
  s1 = (s2 + (s2 << 3)) | 0;
  s2 = (s2 << 21) | (s2 >>> 11);
  s2 = (s2 + t) | 0;
  return (t >>> 0) / 4294967296;
}
for (let i = 0; i < 12; i++) rnd();
const pick = (a) => a[(rnd() * a.length) | 0];
const between = (lo, hi) => lo + ((rnd() * (hi - lo + 1)) | 0);

// ---------------------------------------------------------------- vocabulary
const WORDS = (
  'briefing guidance statement lockdown levels framework data request minister lines Q&A embargo ' +
  'modelling occupancy admissions vaccination testing dashboard schools travel restrictions care homes PPE ' +
  'capacity variant isolation submission annex paper box note diary readout comms press office committee ' +
  'evidence decision minute figures table review thresholds deadline draft final sign-off announcement ' +
  'kids school pick-up birthday cake dinner lunch mum dad holiday weekend dentist appointment football ' +
  'swimming gym train bus car parking flat house tired sleep homework shopping present flowers ' +
  'the the the a a to to to and and of in for on with at is are was will can please thanks we I you it ' +
  'this that now today tomorrow tonight morning all just still also if not no yes ok need send check call ' +
  "meet sort get have do make see our my your can't don't it's I'll we're <urgent> 5>3 \"final\" R&D"
).split(' ');
const SHORT = [
  'Thanks',
  'OK',
  'Ok 👍',
  'Yes',
  'No',
  'Will do',
  'Done',
  'On my way',
  'Call me',
  '👍',
  'Thank you!',
  'Sure',
  'Running late, sorry',
  '😂',
  'x',
];
const EMOJI = ['👍', '🙏', '😂', '❤️', '😴', '🎂', '💉', '👨‍👩‍👧', '🤦‍♀️', '☕', '🚗', '📞'];
const FIRST = [
  'Fiona',
  'Euan',
  'Priya',
  'Tom',
  'Morag',
  'Alasdair',
  'Catriona',
  'Hamish',
  'Isla',
  'Ruaridh',
  'Kirsty',
  'Gregor',
  'Aileen',
  'Callum',
  'Mhairi',
  'Duncan',
];
const LAST = [
  'Laird',
  'Baird',
  'Nair',
  'Reid',
  'Campbell',
  'MacLeod',
  'Fraser',
  'Stewart',
  'Murray',
  'Ross',
  'Grant',
  "O'Neill",
  'Kerr',
  'Munro',
  'Shah',
  'Chen',
];
const JPEG = Buffer.from(Array.from({ length: 180 }, (_, i) => (i * 37 + 11) & 0xff)).toString('base64');

const escapeXml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const contacts = Array.from({ length: NC }, (_, i) => ({
  address: `+4477009${String(i).padStart(5, '0')}`,
  name: i % 17 === 16 ? '(Unknown)' : `${pick(FIRST)} ${pick(LAST)}`,
}));
// Zipf-like: a few people get most of the messages.
const cum = [];
{
  let acc = 0;
  for (let i = 0; i < NC; i++) {
    acc += 1 / Math.pow(i + 1, 0.9);
    cum.push(acc);
  }
  for (let i = 0; i < NC; i++) cum[i] /= acc;
}
function contact() {
  const r = rnd();
  let lo = 0,
    hi = NC - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return contacts[lo];
}

function body() {
  const r = rnd();
  if (r < 0.2) return pick(SHORT);
  const n = r < 0.95 ? between(3, 20) : between(21, 40);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + pick(WORDS);
  if (rnd() < 0.1) s += ` ${pick(EMOJI)}`;
  return s.charAt(0).toUpperCase() + s.slice(1) + (rnd() < 0.7 ? '.' : '?');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => String(n).padStart(2, '0');
function readable(ms) {
  const d = new Date(ms);
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function sms(date) {
  const c = contact();
  const sent = rnd() < 0.45;
  return (
    `  <sms protocol="0" address="${c.address}" date="${date}" type="${sent ? 2 : 1}" subject="null" body="${escapeXml(body())}" toa="null" sc_toa="null" ` +
    `service_center="${sent ? 'null' : '+447700900000'}" read="1" status="-1" locked="0" date_sent="${sent ? 0 : date - between(1000, 5000)}" sub_id="1" ` +
    `readable_date="${readable(date)}" contact_name="${escapeXml(c.name)}" />\n`
  );
}

let mmsId = 0;
function mms(date) {
  const group = rnd() < 0.3 ? [contact(), contact(), contact()] : [contact()];
  const sent = rnd() < 0.45;
  const address = group.map((c) => c.address).join('~');
  const names = group.map((c) => escapeXml(c.name)).join(', ');
  const id = ++mmsId;
  let parts = `      <part seq="-1" ct="application/smil" name="null" chset="null" cd="null" fn="null" cid="&lt;smil&gt;" cl="smil.xml" ctt_s="null" ctt_t="null" text="&lt;smil&gt;&lt;body&gt;&lt;par dur=&quot;5000ms&quot;&gt;&lt;/par&gt;&lt;/body&gt;&lt;/smil&gt;" />\n`;
  if (rnd() < 0.35) {
    parts += `      <part seq="0" ct="image/jpeg" name="IMG_${id}.jpg" chset="null" cd="null" fn="null" cid="&lt;IMG_${id}&gt;" cl="IMG_${id}.jpg" ctt_s="null" ctt_t="null" text="null" data="${JPEG}" />\n`;
  }
  parts += `      <part seq="0" ct="text/plain" name="null" chset="106" cd="null" fn="null" cid="&lt;text_0&gt;" cl="text_0.txt" ctt_s="null" ctt_t="null" text="${escapeXml(body())}" />\n`;
  let addrs = group.map((c, i) => `      <addr address="${c.address}" type="${!sent && i === 0 ? 137 : 151}" charset="106" />\n`).join('');
  addrs += `      <addr address="insert-address-token" type="${sent ? 137 : 151}" charset="106" />\n`;
  return (
    `  <mms date="${date}" rr="null" sub="null" ct_t="application/vnd.wap.multipart.related" read_status="null" seen="1" msg_box="${sent ? 2 : 1}" ` +
    `address="${address}" sub_cs="null" resp_st="null" retr_st="null" d_tm="null" text_only="0" exp="null" locked="0" m_id="gen-${SEED}-${id}" st="null" ` +
    `retr_txt_cs="null" retr_txt="null" creator="com.google.android.apps.messaging" date_sent="0" read="1" m_size="${between(200, 9000)}" rpt_a="null" ` +
    `ct_cls="null" pri="null" sub_id="1" tr_id="T${id.toString(16)}" resp_txt="null" ct_l="null" m_cls="personal" d_rpt="null" v="18" m_type="${sent ? 128 : 132}" ` +
    `readable_date="${readable(date)}" contact_name="${names}">\n    <parts>\n${parts}    </parts>\n    <addrs>\n${addrs}    </addrs>\n  </mms>\n`
  );
}

// ---------------------------------------------------------------- output
const out = process.stdout;
let buf = [];
let bufLen = 0;
async function emit(text) {
  buf.push(text);
  bufLen += text.length;
  if (bufLen > 1 << 20) await flush();
}
function flush() {
  if (!buf.length) return Promise.resolve();
  const chunk = buf.join('');
  buf = [];
  bufLen = 0;
  return new Promise((resolve, reject) => {
    const ok = out.write(chunk, 'utf8', (err) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else out.once('drain', resolve);
  });
}

async function main() {
  const start = Date.UTC(2020, 2, 2, 8, 0, 0);
  await emit("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n");
  await emit(`<!--File Created By SMS Backup & Restore v10.20.002 on ${readable(start)}-->\n`);
  await emit(
    `<smses count="${N}" backup_set="00000000-0000-4000-8000-${String(SEED).padStart(12, '0')}" backup_date="${start}" type="full">\n`,
  );
  let date = start;
  for (let written = 0; written < N; written++) {
    date += between(5_000, 600_000);
    await emit(rnd() < 0.03 ? mms(date) : sms(date));
  }
  await emit('</smses>\n');
  await flush();
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
