-- Neovim's own LSP client attached to `teikit lsp`: for each file, puts the cursor where asked,
-- requests completion as Neovim's omnifunc would, and writes the offered labels as JSON.
local files = vim.split(os.getenv("TEIKIT_NVIM_FILES"), ";")
local positions = vim.split(os.getenv("TEIKIT_NVIM_POSITIONS"), ";")
local out, python = os.getenv("TEIKIT_NVIM_OUT"), os.getenv("TEIKIT_PYTHON")
local client = vim.lsp.start_client({ name = "teikit", cmd = { python, "-m", "toolkit", "lsp" },
                                      root_dir = vim.fn.getcwd() })
vim.wait(300000, function()
  local started = vim.lsp.get_client_by_id(client)
  return started ~= nil and started.initialized == true
end, 50)
local offered = {}
for index, file in ipairs(files) do
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  vim.lsp.buf_attach_client(0, client)
  local line, column = unpack(vim.split(positions[index], ":"))
  vim.api.nvim_win_set_cursor(0, { tonumber(line) + 1, tonumber(column) })
  local params = vim.lsp.util.make_position_params()
  local answers = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 300000) or {}
  local labels = {}
  for _, answer in pairs(answers) do
    local result = answer.result or {}
    for _, item in ipairs(result.items or result) do table.insert(labels, item.label) end
  end
  offered[file] = labels
end
vim.fn.writefile({ vim.fn.json_encode(offered) }, out)
vim.lsp.stop_client(client)
vim.cmd("qa!")
