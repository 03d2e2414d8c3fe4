namespace Minimax.Silo.Hosting;

/// <summary>Ports and names of one silo (configuration keys Silo:Port, Silo:GatewayPort, Grpc:Port, Cluster:*).</summary>
public sealed record SiloOptions
{
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    /// <summary>0 picks a free port.</summary>
    public int GrpcPort { get; init; } = 5080;
    public string ClusterId { get; init; } = "minimax-local";
    public string ServiceId { get; init; } = "minimax";
    public bool Quiet { get; init; }

    public static SiloOptions FromConfiguration(IConfiguration configuration) => new()
    {
        SiloPort = configuration.GetValue("Silo:Port", 11111),
        GatewayPort = configuration.GetValue("Silo:GatewayPort", 30000),
        GrpcPort = configuration.GetValue("Grpc:Port", 5080),
        ClusterId = configuration.GetValue("Cluster:Id", "minimax-local")!,
        ServiceId = configuration.GetValue("Cluster:ServiceId", "minimax")!,
    };
}
