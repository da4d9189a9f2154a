/** The works this report reproduces, linked wherever one of their figures or numbers is reproduced (one list). */
export const POST = {
  url: 'https://yerevann.github.io/2017/06/27/interpreting-neurons-in-an-LSTM-network/',
  short: 'the YerevaNN post',
  title: 'Interpreting neurons in an LSTM network (Galstyan & Khachatrian, YerevaNN, 2017)',
};
export const KARPATHY = {
  url: 'https://arxiv.org/abs/1506.02078',
  short: 'Karpathy, Johnson & Fei-Fei 2015',
  title: 'Visualizing and Understanding Recurrent Networks (Karpathy, Johnson & Fei-Fei, 2015, arXiv 1506.02078)',
};
export const RNNVIS = {
  url: 'https://arxiv.org/abs/1710.10777',
  short: 'RNNVis (Ming et al., VAST 2017)',
  title: 'Understanding Hidden Memories of Recurrent Neural Networks (Ming et al., IEEE VAST 2017, arXiv 1710.10777)',
};
export type Ref = typeof POST;
