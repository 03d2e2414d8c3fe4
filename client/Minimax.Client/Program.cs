using Minimax.Client.Cli;

return await MinimaxCli.InvokeAsync(args);
