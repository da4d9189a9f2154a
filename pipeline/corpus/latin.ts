import type { Rng } from '../lib/rng.ts';

/**
 * Latin-script tokens as they appear in Armenian web text: English terms, brand and place names, acronyms, numbers,
 * URLs. Mixed into the corpus so the model learns that such tokens pass through transliteration unchanged
 * ("es sirum em Deep Learning" → "ես սիրում եմ Deep Learning").
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
];
const URLS = [
  'https://example.org', 'www.google.com', 'https://github.com/YerevaNN/translit-rnn', 'http://arxiv.org/abs/1506.02078',
  'www.armenpress.am', 'https://hy.wikipedia.org', 'info@example.am', 'https://www.youtube.com', 'www.news.am',
  'http://yerevann.com', 'https://karpathy.github.io', 'contact@mail.ru', 'www.gov.am', 'https://translate.google.com',
];

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

/** One Latin token (possibly two words, as in "Deep Learning"). */
export function latinToken(rng: Rng): string {
  const r = rng.next();
  if (r < 0.5) return rng.pick(WORDS);
  if (r < 0.85) return number(rng);
  return rng.pick(URLS);
}
