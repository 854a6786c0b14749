module.exports = {
  displayName: 'messagebird',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
