// What the simulated customers say (pt-BR). Kept apart from the engine so the demo can grow it.

export const NAMES = [
  'Mariana Souza', 'João Pereira', 'Fernanda Lima', 'Rafael Oliveira', 'Beatriz Santos', 'Lucas Almeida', 'Camila Rocha',
  'Gustavo Ribeiro', 'Juliana Carvalho', 'Pedro Henrique', 'Larissa Gomes', 'Thiago Martins', 'Patrícia Costa', 'André Barbosa',
  'Aline Ferreira', 'Rodrigo Nunes', 'Vanessa Dias', 'Felipe Cardoso', 'Renata Moreira', 'Marcos Vinícius',
];

export const AREA_CODES = ['11', '21', '31', '41', '47', '51', '61', '71', '81', '85'];

export const GREETINGS = ['Oi, bom dia!', 'Olá, boa tarde!', 'Boa noite, tudo bem?', 'Oi! Tudo certo?', 'Olá 😊', 'Bom dia, alguém pode me ajudar?'];

export const FIRST_QUESTIONS = [
  'Gostaria de saber o status do meu pedido.',
  'Quero uma segunda via do boleto, por favor.',
  'Vocês têm esse produto a pronta entrega?',
  'Preciso renegociar minha fatura deste mês.',
  'Meu cartão foi recusado na compra, o que aconteceu?',
  'Qual o horário de funcionamento da loja de vocês?',
  'Quero cancelar a minha assinatura.',
];

export const FOLLOW_UPS = ['Entendi. E qual é o prazo?', 'Certo, e o valor fica quanto?', 'Pode me mandar por aqui mesmo?', 'Ah, ok. Preciso enviar algum documento?'];

export const THANKS = ['Perfeito, obrigado pela ajuda! 👍', 'Muito obrigada!', 'Valeu, resolvido 🙏', 'Ótimo, obrigado pelo atendimento.'];

export const CALLBACK_REQUESTS = [
  'Vocês podem me ligar? Prefiro resolver por telefone.',
  'Consegue me ligar amanhã às 10h? O número é este mesmo.',
  'Pode pedir para um consultor me ligar depois das 14h?',
];

export const CALLBACK_CONFIRMATIONS = ['Combinado, aguardo a ligação.', 'Fechado, fico no aguardo!', 'Ok, pode ser nesse horário.'];

export const MEDIA_CAPTIONS = ['Segue a foto do comprovante', 'Olha a foto do produto que chegou', 'Print da tela do erro'];

export const MEDIA_QUESTIONS = ['Conseguiu ver o arquivo?', 'Deu para abrir?', 'Recebeu a foto?'];

export const CHATTY_BURST = ['Oi', 'Tô com um problema no meu pedido', 'Chegou faltando um item 😕'];

export const TEMPLATE_YES_FOLLOW_UP = ['Sim, pode falar agora!', 'Estou disponível, pode me chamar.'];

export const TEMPLATE_NO_FOLLOW_UP = ['Agora não consigo, mais tarde eu retorno.', 'Hoje não dá, obrigado.'];

export const REACTIONS = ['👍', '❤️', '🙏', '😊'];
