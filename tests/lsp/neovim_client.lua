-- Neovim's own LSP client attached to `teikit lsp`: opens the file, waits until the diagnostics
-- it shows include every expected code (or the guard runs out), writes them as JSON, quits.
local file, out, python = os.getenv("TEIKIT_NVIM_FILE"), os.getenv("TEIKIT_NVIM_OUT"), os.getenv("TEIKIT_PYTHON")
local expected = vim.split(os.getenv("TEIKIT_NVIM_CODES"), ",")
local client = vim.lsp.start_client({ name = "teikit", cmd = { python, "-m", "toolkit", "lsp" },
                                      root_dir = vim.fn.getcwd() })
vim.cmd("edit " .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, client)

local function code_of(d)
  if d.code ~= nil then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return nil
end

local function shown()
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do codes[tostring(code_of(d))] = true end
  for _, code in ipairs(expected) do
    if not codes[code] then return false end
  end
  return true
end

vim.wait(300000, shown, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(items, { line = d.lnum, code = tostring(code_of(d)), message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode(items) }, out)
vim.lsp.stop_client(client)
vim.cmd("qa!")
