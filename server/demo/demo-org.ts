import type { SeedInput } from '../whatsapp/emulator/schemas';

// The demo organisation: who signs in, which numbers exist, their templates and quick replies.
// The emulator is seeded from the same lists, so both sides agree on ids.

export const DEMO_ORG_NAME = 'Go Personal Demo';
export const DEMO_TIME_ZONE = 'America/Sao_Paulo';
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_WABA_ID = '104729318465201';
export const DEMO_VERIFIED_NAME = 'Go Personal Demo';

export type DemoUserKey = 'admin' | 'gestor' | 'ana' | 'bruno' | 'carla' | 'diego';

export interface DemoUser {
  key: DemoUserKey;
  email: string;
  name: string;
  profile: 'admin' | 'supervisor' | 'agent';
  /** How the banner and README describe them. */
  role: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', email: 'admin@demo.local', name: 'Marina Albuquerque', profile: 'admin', role: 'administrator' },
  { key: 'gestor', email: 'gestor@demo.local', name: 'Ricardo Menezes', profile: 'supervisor', role: 'supervisor' },
  { key: 'ana', email: 'ana@demo.local', name: 'Ana Lima', profile: 'agent', role: 'agent (Vendas)' },
  { key: 'bruno', email: 'bruno@demo.local', name: 'Bruno Costa', profile: 'agent', role: 'agent (Vendas)' },
  { key: 'carla', email: 'carla@demo.local', name: 'Carla Souza', profile: 'agent', role: 'agent (Suporte)' },
  { key: 'diego', email: 'diego@demo.local', name: 'Diego Martins', profile: 'agent', role: 'agent (Suporte)' },
];

export type DemoTeam = 'vendas' | 'suporte';

export interface DemoNumber {
  phoneNumberId: string;
  displayPhone: string;
  identification: string;
  team: DemoTeam;
  /** The first one owns the number. */
  agents: DemoUserKey[];
  tags: string[];
  quality: 'GREEN' | 'YELLOW' | 'RED';
  throughput: 'STANDARD' | 'HIGH';
  tier: 'TIER_250' | 'TIER_1K' | 'TIER_10K' | 'TIER_100K';
  /** Relative volume of customers writing in (history). */
  volume: number;
}

const SALES_TAGS = ['Venda fechada', 'Orçamento', 'Dúvida', 'Sem interesse', 'Retornar contato'];
const SUPPORT_TAGS = ['Resolvido', '2ª via', 'Troca', 'Reclamação', 'Dúvida', 'Entrega'];

export const DEMO_NUMBERS: readonly DemoNumber[] = [
  { phoneNumberId: '110482736150101', displayPhone: '+55 11 4003-2101', identification: 'Vendas · Ana Lima', team: 'vendas', agents: ['ana'], tags: SALES_TAGS, quality: 'GREEN', throughput: 'STANDARD', tier: 'TIER_10K', volume: 1.2 },
  { phoneNumberId: '110482736150102', displayPhone: '+55 11 4003-2102', identification: 'Vendas · Bruno Costa', team: 'vendas', agents: ['bruno'], tags: SALES_TAGS, quality: 'GREEN', throughput: 'STANDARD', tier: 'TIER_1K', volume: 1 },
  { phoneNumberId: '110482736150103', displayPhone: '+55 11 4003-2103', identification: 'Vendas Corporativas', team: 'vendas', agents: ['ana', 'bruno'], tags: SALES_TAGS, quality: 'YELLOW', throughput: 'STANDARD', tier: 'TIER_1K', volume: 0.6 },
  { phoneNumberId: '110482736150201', displayPhone: '+55 11 4003-2201', identification: 'Suporte · Carla Souza', team: 'suporte', agents: ['carla'], tags: SUPPORT_TAGS, quality: 'GREEN', throughput: 'HIGH', tier: 'TIER_100K', volume: 1.3 },
  { phoneNumberId: '110482736150202', displayPhone: '+55 11 4003-2202', identification: 'Suporte · Diego Martins', team: 'suporte', agents: ['diego'], tags: SUPPORT_TAGS, quality: 'GREEN', throughput: 'STANDARD', tier: 'TIER_10K', volume: 1.1 },
  { phoneNumberId: '110482736150203', displayPhone: '+55 11 4003-2203', identification: 'Pós-venda e Trocas', team: 'suporte', agents: ['carla', 'diego'], tags: SUPPORT_TAGS, quality: 'RED', throughput: 'STANDARD', tier: 'TIER_250', volume: 0.8 },
];

export const DEMO_GROUPS = {
  regional: { name: 'Regional São Paulo', managers: ['gestor', 'admin'] as DemoUserKey[] },
  teams: [
    { team: 'vendas' as DemoTeam, name: 'Time Vendas' },
    { team: 'suporte' as DemoTeam, name: 'Time Suporte' },
  ],
};

type TemplateSeed = NonNullable<SeedInput['templates']>[number];

const template = (t: Omit<TemplateSeed, 'wabaId' | 'language'> & { language?: string }): TemplateSeed => ({ wabaId: DEMO_WABA_ID, language: 'pt_BR', ...t });

export const DEMO_TEMPLATES: readonly TemplateSeed[] = [
  template({
    name: 'atendimento_esta_disponivel', category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Olá, {{1}}! Nosso atendimento já está disponível. Podemos continuar a sua conversa agora?', example: { body_text: [['Maria']] } },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'QUICK_REPLY', text: 'Não' }] },
    ],
  }),
  template({
    name: 'boas_vindas', category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Bem-vindo(a)!' },
      { type: 'BODY', text: 'Obrigado por falar com a Go Personal Demo. Conte para a gente como podemos ajudar e um consultor responde em instantes.' },
      { type: 'FOOTER', text: 'Atendimento de segunda a sexta, das 8h às 18h' },
    ],
  }),
  template({
    name: 'retomar_contato', category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Olá, {{1}}! Aqui é da Go Personal Demo. Podemos retomar o nosso atendimento de onde paramos?', example: { body_text: [['Maria']] } }],
  }),
  template({
    name: 'pedido_enviado', category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Seu pedido está a caminho' },
      { type: 'BODY', text: 'Olá, {{1}}! O pedido {{2}} foi enviado e chega em até 5 dias úteis. Qualquer dúvida, é só responder esta mensagem.', example: { body_text: [['Maria', '#48213']] } },
      { type: 'FOOTER', text: 'Go Personal Demo' },
    ],
  }),
  template({
    name: 'lembrete_pagamento', category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Olá, {{1}}! A sua fatura de {{2}} vence em {{3}}. Para pagar com Pix ou boleto, toque no botão abaixo.', example: { body_text: [['Maria', 'R$ 189,90', '10/03']] } },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pagar fatura', url: 'https://pagamentos.example.com.br/fatura/{{1}}', example: ['https://pagamentos.example.com.br/fatura/48213'] }] },
    ],
  }),
  template({
    name: 'promocao_semana', category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Oi, {{1}}! Esta semana você tem {{2}} de desconto em toda a loja. Quer que um consultor separe as novidades para você?', example: { body_text: [['Maria', '15%']] } },
      { type: 'FOOTER', text: 'Responda SAIR para não receber promoções' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Quero aproveitar' }, { type: 'QUICK_REPLY', text: 'Parar promoções' }] },
    ],
  }),
  template({
    name: 'pesquisa_satisfacao', category: 'MARKETING', status: 'PENDING',
    components: [{ type: 'BODY', text: 'Olá, {{1}}! De 1 a 5, qual nota você dá para o nosso atendimento?', example: { body_text: [['Maria']] } }],
  }),
];

export const DEMO_QUICK_REPLIES: ReadonlyArray<{ name: string; replies: Array<{ title: string; text: string }> }> = [
  {
    name: 'Saudações',
    replies: [
      { title: 'Bom dia', text: 'Bom dia! Aqui é do atendimento da Go Personal Demo. Como posso ajudar?' },
      { title: 'Boa tarde', text: 'Boa tarde! Obrigado por falar com a gente. Em que posso ajudar?' },
      { title: 'Só um momento', text: 'Só um momento, por favor, que já verifico isso para você.' },
    ],
  },
  {
    name: 'Pagamentos',
    replies: [
      { title: 'Chave Pix', text: 'Nossa chave Pix é o CNPJ 12.345.678/0001-90 (Go Personal Demo Ltda). Depois de pagar, é só mandar o comprovante por aqui.' },
      { title: '2ª via do boleto', text: 'Acabei de gerar a 2ª via do seu boleto e enviei para o e-mail cadastrado. O vencimento é em 3 dias úteis.' },
      { title: 'Parcelamento', text: 'Parcelamos em até 10x sem juros no cartão, com parcela mínima de R$ 50,00.' },
    ],
  },
  {
    name: 'Entregas e trocas',
    replies: [
      { title: 'Prazo de entrega', text: 'O prazo de entrega é de até 5 dias úteis para capitais e 8 dias úteis para o interior, contados a partir da confirmação do pagamento.' },
      { title: 'Código de rastreio', text: 'O código de rastreio foi enviado por e-mail. Você também pode acompanhar pelo site, em "Meus pedidos".' },
      { title: 'Política de troca', text: 'Você pode trocar o produto em até 30 dias após o recebimento, desde que esteja sem sinais de uso e com a etiqueta.' },
    ],
  },
  {
    name: 'Encerramento',
    replies: [
      { title: 'Algo mais?', text: 'Posso ajudar em algo mais?' },
      { title: 'Obrigado', text: 'Obrigado pelo contato! Qualquer dúvida, é só chamar por aqui. Tenha um ótimo dia!' },
    ],
  },
];

/** What the emulator plays: the six numbers of the demo WABA and its templates. */
export function emulatorSeed(): SeedInput {
  return {
    numbers: DEMO_NUMBERS.map((n) => ({
      id: n.phoneNumberId, wabaId: DEMO_WABA_ID, displayPhoneNumber: n.displayPhone, verifiedName: DEMO_VERIFIED_NAME,
      qualityRating: n.quality, throughputLevel: n.throughput, messagingLimitTier: n.tier,
      profile: { about: 'Atendimento pelo WhatsApp', description: `${n.identification} — Go Personal Demo`, vertical: 'RETAIL', websites: ['https://www.example.com.br'] },
    })),
    templates: [...DEMO_TEMPLATES],
  };
}
