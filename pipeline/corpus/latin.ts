import type { Rng } from '../lib/rng.ts';

/**
 * Latin-script tokens as they appear in Armenian text: English terms, brand and place names, acronyms, numbers,
 * URLs, e-mail addresses, file names, program identifiers, keyboard shortcuts. Mixed into the corpus so the model
 * learns that such tokens pass through transliteration unchanged ("es sirum em Deep Learning" → "ես սիրում եմ
 * Deep Learning") and keep their casing whole: an acronym or identifier comes out all Latin, never half Armenian.
 * Most are generated from parts (random acronyms, CamelCase names, file names) so that the model learns their
 * shapes rather than a list. Acronyms and names also take Armenian case endings after a hyphen, as Armenian
 * writes them (`HTTPS-ի`, `CRL-ը`, `Google-ից`): the romanizer types the ending ("HTTPS-i") and the acronym stays.
 * No token contains `_` (the aligner's placeholder, removed from all text): snake_case cannot be shown.
 */
const WORDS = [
  'Deep Learning', 'machine learning', 'LSTM', 'RNN', 'NASA', 'Google', 'Facebook', 'YouTube', 'iPhone', 'Wi-Fi',
  'USB', 'PDF', 'Python', 'JavaScript', 'GitHub', 'OK', 'email', 'online', 'Microsoft', 'Windows', 'Linux',
  'UNESCO', 'FIFA', 'UEFA', 'BBC', 'CNN', 'IT', 'AI', 'COVID-19', 'Yerevan', 'Armenia', 'New York', 'London',
  'Paris', 'Apple', 'Android', 'Bitcoin', 'Twitter', 'Instagram', 'HTML', 'CSS', 'API', 'SQL', 'GPU', 'CPU',
  'Wikipedia', 'open source', 'startup', 'Skype', 'Zoom', 'Netflix', 'PhD', 'CEO', 'DNA', 'NATO', 'EU', 'USA',
  'TV', 'SMS', 'GPS', 'VIP', 'Hello world', 'TensorFlow', 'Keras', 'Amazon', 'Tesla', 'Intel', 'Coca-Cola',
  'Real Madrid', 'Barcelona', 'Manchester United', 'Star Wars', 'Harry Potter', 'Game of Thrones', 'Oxford',
  'Cambridge', 'MIT', 'Stanford', 'Berkeley', 'Moscow', 'Los Angeles', 'Tbilisi', 'Brussels', 'Vienna',
  // Software and web terms as they stand in interface text.
  'Bluetooth', 'WebGL', 'WebRTC', 'JSON', 'XML', 'UTF-8', 'ASCII', 'Unicode', 'SSL', 'TLS', 'HTTP', 'HTTPS', 'FTP',
  'DNS', 'VPN', 'IPv6', 'IPv4', 'OAuth', 'PIN', 'QR', 'URL', 'ID', 'OS', 'RAM', 'SSD', 'HDD', 'MP3', 'MP4', 'PNG',
  'JPEG', 'SVG', 'GIF', 'ZIP', 'CSV', 'iOS', 'macOS', 'Ubuntu', 'Debian', 'GNOME', 'KDE', 'LibreOffice', 'GIMP',
  'PostgreSQL', 'MySQL', 'Node.js', 'TypeScript', 'WordPress', 'Chrome', 'Safari', 'Opera', 'Telegram', 'WhatsApp',
  'Viber', 'LinkedIn', 'Dropbox', 'OneDrive', 'PayPal', 'Visa', 'Mastercard', 'Samsung', 'Huawei', 'Xiaomi', 'Sony',
  'Nvidia', 'IBM', 'OpenStreetMap', 'Creative Commons', 'GNU', 'GPL', 'MIT License', 'Emacs', 'Vim', 'Git', 'Docker',
];

/** Letters of random acronyms, weighted as English initials (C, S, P, M… often; Q, X, Z rarely). */
const INITIALS = 'AAABBBCCCCDDDEEFFFGGHHIIIJKLLMMMMNNOOPPPPQRRRSSSSSTTTTUVVWWXYZ';
/** Armenian case endings written after a hyphen on a Latin word or acronym (nominative, genitive, ablative, …). */
const ARMENIAN_ENDINGS = ['ը', 'ն', 'ի', 'ից', 'ով', 'ում', 'ին', 'ներ', 'ները', 'ների', 'երը', 'ի համար'];
/** Parts of program identifiers (CamelCase, as interface text quotes API names). */
const ID_PARTS = [
  'get', 'set', 'File', 'Node', 'Filter', 'Buffer', 'Stream', 'Audio', 'Video', 'Context', 'Element', 'Event',
  'Handler', 'Manager', 'Request', 'Response', 'Http', 'Url', 'Json', 'Xml', 'Id', 'Name', 'Value', 'Data', 'Key',
  'Type', 'List', 'Map', 'Index', 'Cache', 'Config', 'Error', 'Status', 'View', 'Window', 'Document', 'Frame',
  'Text', 'Input', 'Output', 'Source', 'Target', 'Worker', 'Service', 'Storage', 'Session', 'Canvas', 'Media',
  'Track', 'Channel', 'Gain', 'Delay', 'Analyser', 'Observer', 'Range', 'Selection', 'Crypto', 'Socket', 'Port',
];
const FILE_STEMS = [
  'report', 'index', 'photo', 'notes', 'README', 'setup', 'config', 'invoice', 'backup', 'data', 'main', 'style',
  'calendar', 'resume', 'thesis', 'budget', 'scan', 'export', 'Document1', 'IMG', 'archive', 'license', 'draft',
];
const EXTENSIONS = [
  'pdf', 'txt', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'jpg', 'png', 'svg', 'gif', 'mp3', 'mp4', 'zip', 'tar.gz',
  'html', 'css', 'js', 'json', 'xml', 'csv', 'ics', 'vcf', 'exe', 'deb', 'iso', 'py', 'ts', 'md', 'epub', 'ttf',
];
const DOMAIN_WORDS = ['example', 'mail', 'news', 'shop', 'gov', 'uni', 'docs', 'cloud', 'music', 'maps', 'blog', 'portal', 'bank', 'arm', 'hay', 'yerevan', 'info', 'tech'];
const TLDS = ['am', 'com', 'org', 'net', 'ru', 'io', 'edu', 'de', 'fr', 'info'];
const PATH_PARTS = ['about', 'news', 'en', 'hy', 'wiki', 'docs', 'help', 'contact', 'login', 'download', 'v2', 'api', 'search', '2024', 'page'];
const USER_NAMES = ['info', 'contact', 'support', 'anna', 'aram', 'gohar', 'admin', 'office', 'hello', 'narek.p', 'mariam85', 'davit.h'];
const SHORTCUTS = ['Ctrl+S', 'Ctrl+C', 'Ctrl+V', 'Ctrl+Z', 'Ctrl+Shift+T', 'Alt+F4', 'Alt+Tab', 'Shift+Enter', 'Cmd+Q', 'F5', 'F11', 'Esc', 'Enter', 'Tab'];
const CAPS_WORDS = ['WARNING', 'ERROR', 'NOTE', 'OFF', 'ON', 'NEW', 'FREE', 'SALE', 'TODO', 'README', 'LIVE', 'BETA', 'PRO'];

function number(rng: Rng): string {
  const r = rng.next();
  if (r < 0.3) return String(1900 + rng.int(131));
  if (r < 0.55) return String(1 + rng.int(100));
  if (r < 0.65) return String(rng.int(1_000_000));
  if (r < 0.75) return `${rng.int(100)}.${rng.int(10)}`;
  if (r < 0.85) return `${1 + rng.int(100)}%`;
  if (r < 0.95) return `${rng.int(24)}:${String(rng.int(60)).padStart(2, '0')}`;
  return `${1 + rng.int(28)}.${String(1 + rng.int(12)).padStart(2, '0')}.${1990 + rng.int(36)}`;
}

/** A random acronym of 2–6 capitals ("QTR", "CRL"), sometimes with a digit ("MP4", "X11"). */
export function acronym(rng: Rng): string {
  const n = 2 + rng.int(rng.next() < 0.7 ? 3 : 5);
  let s = '';
  for (let i = 0; i < n; i++) s += INITIALS[rng.int(INITIALS.length)];
  return rng.next() < 0.1 ? s + (1 + rng.int(12)) : s;
}

/** A CamelCase identifier: "AudioBufferNode", "getElementId", "IIRFilterNode" (acronym prefix), "XMLHttpRequest". */
export function identifier(rng: Rng): string {
  const parts: string[] = [];
  const n = 2 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const p = rng.pick(ID_PARTS);
    parts.push(i === 0 || /^[A-Z]/.test(p) ? p : p[0].toUpperCase() + p.slice(1));
  }
  if (rng.next() < 0.25) parts.unshift(acronym(rng).replace(/\d+$/, ''));
  else if (rng.next() < 0.3) parts[0] = parts[0][0].toLowerCase() + parts[0].slice(1);
  return parts.join('');
}

function fileName(rng: Rng): string {
  const ext = rng.pick(EXTENSIONS);
  const r = rng.next();
  if (r < 0.25) return `(.${ext})`;
  if (r < 0.35) return `*.${ext}`;
  if (r < 0.45) return `.${ext}`;
  const stem = rng.pick(FILE_STEMS) + (rng.next() < 0.4 ? `-${1 + rng.int(2030)}` : '');
  return `${stem}.${ext}`;
}

function url(rng: Rng): string {
  const host = `${rng.next() < 0.5 ? 'www.' : ''}${rng.pick(DOMAIN_WORDS)}.${rng.pick(TLDS)}`;
  const scheme = rng.next() < 0.6 ? (rng.next() < 0.8 ? 'https://' : 'http://') : '';
  let path = '';
  for (let i = rng.int(3); i > 0; i--) path += '/' + rng.pick(PATH_PARTS);
  return scheme + host + path;
}

function email(rng: Rng): string {
  return `${rng.pick(USER_NAMES)}@${rng.pick(DOMAIN_WORDS)}.${rng.pick(TLDS)}`;
}

/** Endings Armenian writes after a number and a hyphen: ordinals (2-րդ), dates (2017-ին), decades (1990-ական). */
const NUMBER_ENDINGS = ['րդ', 'ին', 'ից', 'ում', 'ական', 'ականներին', 'ը', 'ի'];

/**
 * A Latin word or acronym with an Armenian case ending after a hyphen: "HTTPS-ի", "Google-ից"; or a number with
 * one ("2-րդ", "2017-ին"), which stays Armenian after the digits.
 */
function withEnding(rng: Rng): string {
  const r = rng.next();
  if (r < 0.2) return `${rng.next() < 0.5 ? 1 + rng.int(30) : 1900 + rng.int(131)}-${rng.pick(NUMBER_ENDINGS)}`;
  const base = r < 0.65 ? acronym(rng) : rng.pick(WORDS.filter((w) => !w.includes(' ')));
  return `${base}-${rng.pick(ARMENIAN_ENDINGS)}`;
}

/** One Latin token (possibly two words, as in "Deep Learning"). */
export function latinToken(rng: Rng): string {
  const r = rng.next();
  if (r < 0.3) return rng.pick(WORDS);
  if (r < 0.48) return number(rng);
  if (r < 0.56) return acronym(rng);
  if (r < 0.66) return withEnding(rng);
  if (r < 0.74) return identifier(rng);
  if (r < 0.82) return fileName(rng);
  if (r < 0.89) return url(rng);
  if (r < 0.93) return email(rng);
  if (r < 0.97) return rng.pick(SHORTCUTS);
  return rng.pick(CAPS_WORDS);
}
