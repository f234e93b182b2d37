/**
 * Deterministic, realistic desk texts for the bench data: Brazilian names and phones, and what
 * customers and agents write (pt-BR), with order numbers, products, cities and amounts filled in.
 * "pedido" is deliberately common: the search scenario looks for it.
 */

/** A small seeded generator (mulberry32): the same seed gives the same cache every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
export const between = (rnd: Random, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));

const FIRST = [
  'Ana', 'Bruno', 'Carla', 'Daniel', 'Eduarda', 'Felipe', 'Gabriela', 'Henrique', 'Isabela', 'João', 'Karina', 'Lucas', 'Mariana',
  'Nicolas', 'Olívia', 'Paulo', 'Quésia', 'Rafael', 'Sofia', 'Thiago', 'Úrsula', 'Vinícius', 'Yasmin', 'Zeca', 'Letícia', 'Marcos',
  'Patrícia', 'Renata', 'Sérgio', 'Tatiane', 'Vitória', 'Wesley', 'Aline', 'Caio', 'Débora', 'Emerson', 'Fernanda', 'Gustavo',
  'Helena', 'Igor', 'Jéssica', 'Leonardo', 'Luana', 'Matheus', 'Natália', 'Otávio', 'Priscila', 'Rodrigo', 'Simone', 'Valéria',
];
const LAST = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro',
  'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade',
  'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo',
];
const AREA_CODES = ['11', '21', '31', '41', '51', '61', '71', '81', '19', '27', '48', '85', '62', '92'];
const CITIES = ['São Paulo', 'Campinas', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Brasília', 'Salvador', 'Recife', 'Florianópolis', 'Goiânia', 'Fortaleza', 'Manaus', 'Vitória'];
const PRODUCTS = [
  'geladeira frost free', 'fogão 5 bocas', 'micro-ondas 30 litros', 'máquina de lavar 12 kg', 'smart TV 55"', 'notebook i5',
  'cadeira de escritório', 'colchão casal', 'ar-condicionado 12.000 BTUs', 'aspirador robô', 'liquidificador', 'cafeteira expresso',
  'jogo de panelas', 'sofá retrátil', 'guarda-roupa 6 portas', 'bicicleta aro 29', 'fone bluetooth', 'impressora multifuncional',
];

export interface Person { name: string; phone: string; waId: string; city: string }

export function person(rnd: Random): Person {
  const ddd = pick(rnd, AREA_CODES);
  const a = String(between(rnd, 0, 9999)).padStart(4, '0');
  const b = String(between(rnd, 0, 9999)).padStart(4, '0');
  return { name: `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`, phone: `+55 ${ddd} 9${a}-${b}`, waId: `55${ddd}9${a}${b}`, city: pick(rnd, CITIES) };
}

const CUSTOMER = [
  'Oi, boa tarde! Fiz o pedido {pedido} e ainda não chegou, podem verificar?',
  'Bom dia, queria saber o prazo de entrega para {cidade}.',
  'Olá! Vocês têm {produto} em estoque?',
  'O pedido {pedido} veio com defeito, como faço a troca?',
  'Qual o valor do frete para {cidade}?',
  'Consigo parcelar {produto} em 10 vezes sem juros?',
  'Ainda não recebi o código de rastreio do pedido {pedido}.',
  'Obrigado pelo retorno!',
  'Pode me mandar o boleto de novo? O outro venceu.',
  'Meu nome é {nome}, CPF no cadastro.',
  'Está bem, aguardo então.',
  'O entregador veio e eu não estava, dá pra reagendar?',
  'Vi no site {produto} por R$ {valor}, ainda está valendo?',
  'Quero cancelar o pedido {pedido}, por favor.',
  'Já paguei o Pix, segue o comprovante.',
  'Vocês entregam no sábado?',
  'Perfeito, muito obrigada!',
  'Que horas abre a loja de {cidade}?',
  'O pedido {pedido} aparece como entregue mas não recebi nada.',
  'Tem garantia estendida para {produto}?',
  'Bom dia! Alguém pode me ajudar?',
  'Ok',
  'Certo, pode ser amanhã às {hora}.',
  'Mudei de endereço, como atualizo o pedido {pedido}?',
];
const AGENT = [
  'Olá, {nome}! Sou do atendimento, vou verificar o seu pedido {pedido}.',
  'Um momento, por favor, estou consultando o sistema.',
  'O pedido {pedido} saiu para entrega hoje e deve chegar até as {hora}.',
  'Para {cidade} o prazo é de {dias} dias úteis após a confirmação do pagamento.',
  'Temos sim! {produto} por R$ {valor} em até 10x sem juros.',
  'Já abri a solicitação de troca do pedido {pedido}. A coleta será agendada em até 2 dias úteis.',
  'Segue o código de rastreio: BR{rastreio}BR.',
  'Enviei um novo boleto para o seu e-mail, com vencimento em 3 dias.',
  'Obrigado pelo contato! Posso ajudar em algo mais?',
  'Reagendei a entrega para {data}, no período da tarde.',
  'O cancelamento do pedido {pedido} foi feito, o estorno aparece em até 2 faturas.',
  'Recebemos o comprovante, o pagamento já foi confirmado.',
  'A loja de {cidade} abre às 9h e fecha às 20h.',
  'Vou encaminhar para o setor de logística e retorno ainda hoje.',
  'A garantia estendida de {produto} custa R$ {valor} por 12 meses.',
  'Bom dia! Em que posso ajudar?',
  'Atualizei o endereço de entrega do pedido {pedido}.',
  'Perfeito, qualquer dúvida estou à disposição.',
];
const DOCS = ['boleto', 'nota-fiscal', 'comprovante', 'orcamento', 'contrato'];

function fill(rnd: Random, template: string, name: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'pedido': return String(between(rnd, 100_000, 999_999));
      case 'produto': return pick(rnd, PRODUCTS);
      case 'cidade': return pick(rnd, CITIES);
      case 'valor': return `${between(rnd, 49, 4999)},${String(between(rnd, 0, 99)).padStart(2, '0')}`;
      case 'hora': return `${between(rnd, 8, 19)}h`;
      case 'dias': return String(between(rnd, 2, 12));
      case 'data': return `${String(between(rnd, 1, 28)).padStart(2, '0')}/${String(between(rnd, 1, 12)).padStart(2, '0')}`;
      case 'rastreio': return String(between(rnd, 100_000_000, 999_999_999));
      case 'nome': return name.split(' ')[0]!;
      default: return slot;
    }
  });
}

export const customerText = (rnd: Random, name: string): string => fill(rnd, pick(rnd, CUSTOMER), name);
export const agentText = (rnd: Random, name: string): string => fill(rnd, pick(rnd, AGENT), name);
export const documentName = (rnd: Random): string => `${pick(rnd, DOCS)}-${between(rnd, 10_000, 99_999)}.pdf`;
