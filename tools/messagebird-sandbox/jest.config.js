module.exports = {
  displayName: 'messagebird-sandbox',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
