import type { Random } from './random';

// Made-up Brazilian customers: names, mobile numbers with the area code of their city, e-mails, CPFs.

const FIRST_NAMES = [
  'Ana', 'Beatriz', 'Camila', 'Daniela', 'Eduarda', 'Fernanda', 'Gabriela', 'Helena', 'Isabela', 'Juliana', 'Larissa', 'Luana',
  'Mariana', 'Natália', 'Patrícia', 'Renata', 'Sofia', 'Tatiane', 'Vanessa', 'Yasmin', 'Aline', 'Bruna', 'Carolina', 'Débora',
  'André', 'Bruno', 'Carlos', 'Daniel', 'Eduardo', 'Felipe', 'Gustavo', 'Henrique', 'Igor', 'João', 'Leonardo', 'Lucas',
  'Marcelo', 'Matheus', 'Otávio', 'Paulo', 'Rafael', 'Rodrigo', 'Samuel', 'Thiago', 'Vinícius', 'Wesley', 'Caio', 'Diego',
];

const LAST_NAMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro',
  'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento',
  'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Teixeira', 'Araújo', 'Cavalcanti',
];

/** Area codes (DDD) with their cities, weighted towards São Paulo where the demo company sits. */
const REGIONS: ReadonlyArray<readonly [{ ddd: string; cities: string[] }, number]> = [
  [{ ddd: '11', cities: ['São Paulo', 'Guarulhos', 'Osasco', 'Santo André', 'São Bernardo do Campo'] }, 45],
  [{ ddd: '19', cities: ['Campinas', 'Piracicaba', 'Limeira'] }, 7],
  [{ ddd: '13', cities: ['Santos', 'São Vicente'] }, 4],
  [{ ddd: '12', cities: ['São José dos Campos', 'Taubaté'] }, 4],
  [{ ddd: '21', cities: ['Rio de Janeiro', 'Niterói'] }, 10],
  [{ ddd: '31', cities: ['Belo Horizonte', 'Contagem'] }, 7],
  [{ ddd: '41', cities: ['Curitiba'] }, 5],
  [{ ddd: '47', cities: ['Joinville', 'Blumenau'] }, 2],
  [{ ddd: '48', cities: ['Florianópolis'] }, 2],
  [{ ddd: '51', cities: ['Porto Alegre'] }, 4],
  [{ ddd: '61', cities: ['Brasília'] }, 3],
  [{ ddd: '62', cities: ['Goiânia'] }, 2],
  [{ ddd: '71', cities: ['Salvador'] }, 2],
  [{ ddd: '81', cities: ['Recife'] }, 2],
  [{ ddd: '85', cities: ['Fortaleza'] }, 1],
];

const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br', 'terra.com.br'];

export interface Person {
  firstName: string;
  /** What the desk shows once an agent filled it in (null: only the WhatsApp profile name is known). */
  name: string | null;
  profileName: string;
  waId: string;
  phone: string;
  email: string | null;
  city: string | null;
  document: string | null;
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** A valid-looking CPF (check digits computed as the Receita Federal does), formatted 000.000.000-00. */
export function cpf(random: Random): string {
  const d = Array.from({ length: 9 }, () => random.int(0, 9));
  for (const len of [9, 10]) {
    const sum = d.slice(0, len).reduce((acc, digit, i) => acc + digit * (len + 1 - i), 0);
    const rest = (sum * 10) % 11;
    d.push(rest === 10 ? 0 : rest);
  }
  const s = d.join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

/** A new customer; `taken` holds the wa_ids already used so each person is unique. */
export function person(random: Random, taken: Set<string>): Person {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const region = random.weighted(REGIONS);
  let waId: string;
  do {
    waId = `55${region.ddd}9${random.int(6, 9)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  } while (taken.has(waId));
  taken.add(waId);
  const full = `${firstName} ${lastName}`;
  const profileName = random.weighted<string>([[full, 5], [firstName, 3], [`${firstName} ${lastName[0]}.`, 2]]);
  return {
    firstName,
    name: random.chance(0.7) ? full : null,
    profileName,
    waId,
    phone: `+${waId}`,
    email: random.chance(0.35) ? `${plain(firstName)}.${plain(lastName)}${random.chance(0.4) ? random.int(1, 99) : ''}@${random.pick(MAIL_DOMAINS)}` : null,
    city: random.chance(0.55) ? random.pick(region.cities) : null,
    document: random.chance(0.2) ? cpf(random) : null,
  };
}
