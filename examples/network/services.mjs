// Services for greeting.air: A knows a name, B greets, A receives the answer.
export default ({ name }) => ({
  getDataSrv: { name: () => 'world' },
  greeter: { greet: ([who]) => `Hello, ${who}! (from ${name})` },
  callbackSrv: { response: ([answer]) => answer },
});
