import type { DemoTeam } from './demo-org';

// What customers, agents and the bot say in the demo's history (pt-BR). Placeholders:
// {cliente} customer's first name, {agente} agent's first name, {pedido}, {valor}, {rastreio}, {data},
// {saudacao} "Bom dia" / "Boa tarde" / "Boa noite" for the time the message is sent.

/** A customer message that is not plain text: a photo, a PDF, a voice note or a location. */
export type Attachment =
  | { type: 'image'; caption: string | null }
  | { type: 'document'; caption: string | null; filename: string }
  | { type: 'audio' }
  | { type: 'location'; name: string; address: string; latitude: number; longitude: number };

export type CustomerLine = string | Attachment;

export interface Topic {
  team: DemoTeam;
  /** The customer's first message(s). */
  openings: string[];
  /** Optional second message with more detail. */
  details: CustomerLine[];
  /** The agent's first answer after greeting. */
  acks: string[];
  /** Back-and-forth: a customer line and the agent's answer. */
  exchanges: Array<[CustomerLine, string]>;
  tags: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    team: 'vendas',
    openings: ['Oi, {saudacao}! Vocês têm o tênis de corrida Aurora no tamanho 42?', 'Olá! Queria saber se o tênis Aurora ainda está disponível', '{saudacao}, tem o modelo Aurora em estoque?'],
    details: ['Vi no Instagram de vocês', 'Preferência pela cor preta', { type: 'image', caption: 'É esse aqui da foto' }],
    acks: ['Temos sim! No 42 ainda temos nas cores preta e grafite.', 'Deixa eu conferir o estoque para você. Temos sim, no preto e no azul-marinho.'],
    exchanges: [
      ['Qual o valor?', 'Ele está saindo por {valor}, ou em até 10x sem juros no cartão.'],
      ['Tem desconto no Pix?', 'No Pix você tem 5% de desconto. Quer que eu gere o link de pagamento?'],
      ['Pode gerar sim', 'Prontinho! Enviei o link para o seu e-mail. Assim que o pagamento compensar, o pedido {pedido} é separado.'],
      ['E o frete para o meu CEP?', 'Para o seu CEP o frete é grátis, com entrega em até 4 dias úteis.'],
    ],
    tags: ['Venda fechada', 'Orçamento'],
  },
  {
    team: 'vendas',
    openings: ['{saudacao}, gostaria de um orçamento para 30 camisetas personalizadas', 'Olá, vocês fazem pedido para empresa?', 'Oi! Preciso de um orçamento corporativo'],
    details: ['É para um evento da empresa no mês que vem', { type: 'document', caption: 'Segue a arte do logo', filename: 'logo-empresa.pdf' }],
    acks: ['Fazemos sim! Para pedidos corporativos acima de 20 peças temos condições especiais.', 'Claro! Me passa a quantidade, os tamanhos e o prazo que você precisa?'],
    exchanges: [
      ['São 30 peças, tamanhos variados. Preciso até dia {data}', 'Conseguimos entregar até {data}. O valor unitário fica em {valor} com a personalização.'],
      ['Vocês emitem nota fiscal no CNPJ?', 'Emitimos sim. Só preciso do CNPJ e do e-mail do financeiro.'],
      ['Consegue melhorar o preço?', 'Para 30 peças consigo 8% de desconto à vista. Te mando a proposta formal por e-mail?'],
      ['Pode mandar, vou passar para o meu gestor aprovar', 'Enviado! A proposta vale por 7 dias. Qualquer ajuste é só me chamar aqui.'],
    ],
    tags: ['Orçamento', 'Retornar contato'],
  },
  {
    team: 'vendas',
    openings: ['Oi, a loja de vocês abre sábado?', 'Olá, onde fica a loja física?', '{saudacao}! Queria ver os produtos pessoalmente, vocês têm loja?'],
    details: [{ type: 'audio' }, 'Moro perto da Paulista'],
    acks: ['Temos sim! A loja fica na Rua Augusta, 1500, e abre de segunda a sábado.', 'Nossa loja fica na Rua Augusta, 1500 — Consolação. Aos sábados abrimos das 9h às 13h.'],
    exchanges: [
      ['Tem estacionamento?', 'Temos convênio com o estacionamento ao lado: as primeiras 2 horas são por nossa conta.'],
      ['Vocês separam o produto para eu retirar?', 'Separamos sim! Me diz o modelo e o tamanho que eu deixo reservado até amanhã.'],
      ['O Aurora preto 39, por favor', 'Reservado no seu nome, {cliente}! É só falar com a recepção quando chegar.'],
    ],
    tags: ['Dúvida', 'Venda fechada'],
  },
  {
    team: 'vendas',
    openings: ['Recebi a promoção de vocês, ainda está valendo?', 'Oi, esse desconto de 15% vale para todos os produtos?', '{saudacao}, o cupom da semana funciona no site?'],
    details: ['Tentei usar o cupom e não foi', { type: 'image', caption: 'Print da tela do carrinho' }],
    acks: ['Está valendo até domingo! O desconto vale para todo o site, menos lançamentos.', 'Vale sim! O cupom é SEMANA15 e funciona no site e na loja.'],
    exchanges: [
      ['Aplicou agora, obrigado! E o prazo de entrega?', 'Para a sua região são até 5 dias úteis. O código de rastreio chega por e-mail.'],
      ['Dá para juntar com o frete grátis?', 'Dá sim: acima de {valor} o frete sai grátis mesmo com o cupom.'],
      ['Acho que vou deixar para o mês que vem', 'Sem problemas! Quando quiser é só me chamar que eu te aviso das próximas promoções.'],
    ],
    tags: ['Venda fechada', 'Sem interesse'],
  },
  {
    team: 'vendas',
    openings: ['Oi, quero trocar de plano da assinatura', 'Olá! Como funciona a assinatura mensal de vocês?', '{saudacao}, queria saber do clube de vantagens'],
    details: ['Hoje eu tenho o plano básico'],
    acks: ['Claro! Temos o plano Essencial e o Premium. O Premium inclui frete grátis ilimitado.', 'Funciona assim: você paga uma mensalidade e recebe descontos e frete grátis.'],
    exchanges: [
      ['Quanto custa o Premium?', 'O Premium sai por {valor} por mês, e o primeiro mês é pela metade do preço.'],
      ['Posso cancelar quando quiser?', 'Pode sim, sem multa. O cancelamento vale a partir do mês seguinte.'],
      ['Então quero mudar para o Premium', 'Feito, {cliente}! A mudança vale a partir da próxima fatura. Vou te mandar o resumo por e-mail.'],
    ],
    tags: ['Venda fechada', 'Dúvida'],
  },
  {
    team: 'suporte',
    openings: ['{saudacao}, preciso da segunda via do boleto', 'Oi, meu boleto venceu, como faço para pagar?', 'Olá! Não recebi o boleto deste mês'],
    details: ['O CPF é o mesmo do cadastro', 'É do pedido {pedido}'],
    acks: ['Vou gerar a 2ª via para você agora mesmo.', 'Sem problemas, {cliente}. Vou verificar aqui no sistema.'],
    exchanges: [
      ['Pode mandar por aqui mesmo?', 'Claro! Acabei de enviar o boleto atualizado, com vencimento para {data}.'],
      [{ type: 'document', caption: 'Paguei, segue o comprovante', filename: 'comprovante-pix.pdf' }, 'Recebido! O pagamento compensa em até 1 dia útil e a baixa é automática.'],
      ['Vai ter juros?', 'Como venceu há poucos dias, consegui isentar os juros desta vez.'],
    ],
    tags: ['2ª via', 'Resolvido'],
  },
  {
    team: 'suporte',
    openings: ['Meu pedido ainda não chegou', 'Oi, cadê o meu pedido? Já passou do prazo', '{saudacao}, o rastreio do meu pedido não atualiza'],
    details: ['Pedido {pedido}', 'Comprei há 10 dias'],
    acks: ['Vou verificar com a transportadora agora mesmo.', 'Sinto muito pela demora, {cliente}. Deixa eu consultar o seu pedido.'],
    exchanges: [
      ['Qual o código de rastreio?', 'O código é {rastreio}. Ele saiu para entrega hoje pela manhã.'],
      ['Posso mudar o endereço de entrega?', 'Consigo sim, se ainda não saiu para entrega. Me manda o novo endereço, por favor.'],
      [{ type: 'location', name: 'Casa', address: 'Rua dos Pinheiros, 870 - Pinheiros, São Paulo', latitude: -23.5654, longitude: -46.6811 }, 'Endereço atualizado! A nova previsão de entrega é {data}.'],
      ['Se não chegar até amanhã o que eu faço?', 'Se não chegar até amanhã, eu mesma abro uma reclamação com a transportadora e te aviso por aqui.'],
    ],
    tags: ['Entrega', 'Resolvido'],
  },
  {
    team: 'suporte',
    openings: ['O produto chegou com defeito', 'Oi, quero trocar um produto', '{saudacao}, veio o tamanho errado no meu pedido'],
    details: [{ type: 'image', caption: 'Foto do defeito' }, 'Pedido {pedido}', { type: 'audio' }],
    acks: ['Poxa, sinto muito! Vamos resolver isso rapidinho.', 'Claro, {cliente}! A troca é gratuita em até 30 dias.'],
    exchanges: [
      ['Como faço para devolver?', 'Vou gerar uma etiqueta de postagem: é só levar o produto a qualquer agência dos Correios.'],
      ['Quero outro tamanho, o 40', 'Separei o 40 para você. Ele é enviado assim que a devolução for postada.'],
      ['Prefiro o dinheiro de volta', 'Tudo bem! O estorno aparece na fatura do cartão em até 2 faturas.'],
      ['Recebi a etiqueta, obrigado', 'Perfeito! Assim que postar, me manda o comprovante por aqui.'],
    ],
    tags: ['Troca', 'Reclamação', 'Resolvido'],
  },
  {
    team: 'suporte',
    openings: ['Não consigo acessar minha conta no site', 'Oi, esqueci minha senha e o e-mail de recuperação não chega', 'O aplicativo de vocês está dando erro'],
    details: [{ type: 'image', caption: 'Print do erro' }, 'Já tentei várias vezes'],
    acks: ['Vou te ajudar com o acesso. Qual é o e-mail do cadastro?', 'Sinto muito pelo transtorno! Vamos ver o que está acontecendo.'],
    exchanges: [
      ['É o mesmo e-mail desta conversa do cadastro', 'Encontrei! Reenviei o link de recuperação — confira também a caixa de spam.'],
      ['Chegou! Consegui entrar', 'Que ótimo! Se precisar, é só chamar.'],
      ['Continua dando erro', 'Abri um chamado para o time técnico, protocolo {pedido}. Te retorno por aqui até {data}.'],
    ],
    tags: ['Dúvida', 'Resolvido', 'Reclamação'],
  },
  {
    team: 'suporte',
    openings: ['Quero cancelar minha compra', 'Oi, preciso cancelar o pedido que fiz ontem', '{saudacao}, como cancelo a assinatura?'],
    details: ['Comprei errado', 'Pedido {pedido}'],
    acks: ['Consigo te ajudar com o cancelamento.', 'Tudo bem, {cliente}. Antes de cancelar, posso entender o motivo?'],
    exchanges: [
      ['Encontrei mais barato em outro lugar', 'Entendo. Consigo te oferecer 10% de desconto para manter o pedido, o que acha?'],
      ['Não, quero cancelar mesmo', 'Sem problemas. Cancelamento feito! O estorno de {valor} cai em até 5 dias úteis.'],
      ['Ah, com desconto eu fico', 'Ótimo! Desconto aplicado e o pedido segue normalmente.'],
    ],
    tags: ['Reclamação', 'Resolvido'],
  },
];

export const BOT_GREETINGS = [
  'Olá, {cliente}! 👋 Você está falando com a Go Personal Demo. Em instantes um dos nossos consultores vai te atender.',
  'Oi, {cliente}! Obrigado por chamar a Go Personal Demo. Já vou te passar para um consultor.',
];

export const BOT_OUT_OF_HOURS =
  'Olá! Nosso horário de atendimento é de segunda a sexta, das 8h às 18h, e aos sábados, das 9h às 13h. Quer que a gente te avise quando o atendimento estiver disponível?';

export const CUSTOMER_WANTS_CALLBACK = ['Sim, por favor', 'Pode avisar sim', 'Sim'];

export const AGENT_GREETINGS = ['Olá, {cliente}! Aqui é {agente}, tudo bem?', 'Oi, {cliente}! Sou {agente}, da Go Personal Demo.', '{saudacao}, {cliente}! {agente} falando.'];

export const CUSTOMER_NUDGES = ['Alô?', 'Tem alguém aí?', '?', 'Oi, ainda estou aguardando'];

export const AGENT_FOLLOW_UPS = ['{cliente}, conseguiu ver a minha mensagem?', 'Ficou alguma dúvida, {cliente}?', 'Posso ajudar em algo mais?'];

export const CUSTOMER_THANKS = ['Obrigado!', 'Muito obrigada pela ajuda!', 'Perfeito, valeu!', 'Resolvido, obrigado 🙏', 'Ótimo, obrigado pelo atendimento'];

export const AGENT_CLOSINGS = [
  'Eu que agradeço, {cliente}! Qualquer coisa é só chamar por aqui. 😊',
  'Por nada! Tenha um ótimo dia, {cliente}.',
  'Obrigado pelo contato, {cliente}! Estamos à disposição.',
];

export const AGENT_TRANSFER_NOTE = 'Vou te passar para o(a) {agente}, que cuida desse assunto, tudo bem?';

export const TEMPLATE_YES_REPLIES = ['Pode sim!', 'Sim, estou disponível agora', 'Oi! Pode falar'];
export const TEMPLATE_NO_REPLY_ANSWER = 'Sem problemas, {cliente}! Quando quiser, é só chamar por aqui.';
export const TEXT_REPLIES_TO_ACTIVE = ['Oi! Pode sim', 'Olá, tudo bem? Pode falar', 'Oi, recebi sim', 'Obrigado pelo aviso!'];
