@0xccd0890aa4926a9b;
const s :Text = "日本語"; const t :Text = "ü" ]
