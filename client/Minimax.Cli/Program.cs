using Minimax.Cli;

return await MinimaxCli.InvokeAsync(args);
