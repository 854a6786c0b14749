module.exports = {
  displayName: 'slack-sandbox',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
