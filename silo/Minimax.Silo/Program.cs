using Minimax.Silo.Hosting;

WebApplication app;
try
{
    app = SiloHost.Build(args);
}
catch (SiloConfigurationException e)
{
    // An unsafe or invalid setting: one line naming the key, and no endpoint was opened.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
await app.RunAsync();
return 0;
