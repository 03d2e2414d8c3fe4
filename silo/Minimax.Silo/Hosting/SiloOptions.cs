using Minimax.Silo.Security;

namespace Minimax.Silo.Hosting;

/// <summary>Addresses, ports and names of one silo (configuration keys Silo:*, POD_IP, POD_NAME, Grpc:*, Cluster:*, Auth:*, ...).</summary>
public sealed record SiloOptions
{
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    /// <summary>0 picks a free port.</summary>
    public int GrpcPort { get; init; } = 5080;
    public string ClusterId { get; init; } = "minimax-local";
    public string ServiceId { get; init; } = "minimax";

    /// <summary>Silo:AdvertisedAddress, else the POD_IP environment variable: the IP address the cluster reaches this silo at.</summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary>Silo:ListenAddress: the IP address the silo and gateway ports listen on; null means <see cref="AdvertisedAddress"/>.</summary>
    public string? ListenAddress { get; init; }
    public bool Quiet { get; init; }

    /// <summary>Grpc:Address: the IP address the gRPC endpoint listens on.</summary>
    public string GrpcAddress { get; init; } = "127.0.0.1";

    /// <summary>Grpc:Tls:CertificatePath: a PKCS#12 (.pfx) file; when set, gRPC is served over HTTPS.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>Grpc:Tls:CertificatePassword: the password of <see cref="TlsCertificatePath"/>, if any.</summary>
    public string? TlsCertificatePassword { get; init; }

    /// <summary>Auth:Mode; null picks keys when any key is configured or any listen address is not loopback, and none otherwise.</summary>
    public AuthMode? AuthMode { get; init; }

    /// <summary>Auth:Keys: which tenant each API key (by its SHA-256) belongs to.</summary>
    public IReadOnlyList<TenantKey> AuthKeys { get; init; } = [];

    /// <summary>Data:Roots: folders every tenant may read datasets from; with no root configured anywhere (here or per key), the working directory.</summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    /// <summary>Limits:*.</summary>
    public RunLimits Limits { get; init; } = new();

    /// <summary>Storage:Provider, <c>memory</c> (default) or <c>azure</c>.</summary>
    public StorageProvider StorageProvider { get; init; } = StorageProvider.Memory;

    /// <summary>Storage:Azure:ConnectionString; required when <see cref="StorageProvider"/> is Azure.</summary>
    public string? AzureConnectionString { get; init; }

    /// <summary>Checkpoints:Path, the local checkpoint folder in memory mode (relative to the working directory).</summary>
    public string CheckpointsPath { get; init; } = Minimax.Grains.Checkpoints.LocalCheckpointStore.DefaultPath;

    /// <summary>Reminders:MinimumPeriod; null keeps Orleans' default (one minute). Tests lower it.</summary>
    public TimeSpan? ReminderMinimumPeriod { get; init; }

    /// <summary>Workers:IntraOpThreads: TorchSharp threads per worker; 0 (the default) shares the silo's cores among its workers.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Silo:Role: all (default), control (job grains, coordinators) or worker (training and evaluation workers).</summary>
    public Minimax.Grains.Cluster.SiloRole Role { get; init; } = Minimax.Grains.Cluster.SiloRole.All;

    /// <summary>Silo:Name, else POD_NAME (the downward API's pod name), else Orleans' own (host name and port).</summary>
    public string? SiloName { get; init; }

    /// <summary>
    /// Silo:ShutdownTimeoutSeconds: how long a stopping silo (SIGTERM) may take to leave the cluster. Kubernetes'
    /// terminationGracePeriodSeconds must be above it (k8s/base), or the kubelet kills the silo part way.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Silo:DrainTimeoutSeconds: how long a stopping silo waits for the runs it trains to checkpoint and move before it
    /// leaves (0 turns the drain off); below Silo:ShutdownTimeoutSeconds, which must leave Orleans time to leave after it.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = Minimax.Grains.Drain.DrainOptions.DefaultTimeout;

    /// <summary>Telemetry:*: the Prometheus scrape port and the per-job group cap.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Dashboard:*: the Orleans Dashboard, off by default.</summary>
    public OrleansDashboardOptions Dashboard { get; init; } = new();

    public static SiloOptions FromConfiguration(IConfiguration configuration) => new()
    {
        SiloPort = configuration.GetValue("Silo:Port", 11111),
        GatewayPort = configuration.GetValue("Silo:GatewayPort", 30000),
        GrpcPort = configuration.GetValue("Grpc:Port", 5080),
        ClusterId = configuration.GetValue("Cluster:Id", "minimax-local")!,
        ServiceId = configuration.GetValue("Cluster:ServiceId", "minimax")!,
        // POD_IP as in Orleans' Kubernetes samples: the pod's address from the downward API.
        AdvertisedAddress = NullIfEmpty(configuration["Silo:AdvertisedAddress"]) ?? NullIfEmpty(configuration["POD_IP"]) ?? "127.0.0.1",
        ListenAddress = NullIfEmpty(configuration["Silo:ListenAddress"]),
        GrpcAddress = configuration.GetValue("Grpc:Address", "127.0.0.1")!,
        TlsCertificatePath = NullIfEmpty(configuration["Grpc:Tls:CertificatePath"]),
        TlsCertificatePassword = NullIfEmpty(configuration["Grpc:Tls:CertificatePassword"]),
        AuthMode = ReadAuthMode(configuration["Auth:Mode"]),
        AuthKeys = configuration.GetSection("Auth:Keys").GetChildren()
            .Select(key => new TenantKey(key["Tenant"] ?? "", key["Sha256"] ?? "")
            {
                DataRoots = key.GetSection("DataRoots").GetChildren().Select(root => root.Value ?? "").ToArray(),
            })
            .ToArray(),
        DataRoots = configuration.GetSection("Data:Roots").GetChildren()
            .Select(root => root.Value ?? "")
            .ToArray(),
        Limits = new RunLimits
        {
            MaxSpecBytes = Positive(configuration, "Limits:MaxSpecBytes", new RunLimits().MaxSpecBytes),
            MaxOverrides = Positive(configuration, "Limits:MaxOverrides", new RunLimits().MaxOverrides),
            MaxWorkers = Positive(configuration, "Limits:MaxWorkers", new RunLimits().MaxWorkers),
            MaxConcurrentRunsPerTenant = Positive(configuration, "Limits:MaxConcurrentRunsPerTenant", new RunLimits().MaxConcurrentRunsPerTenant),
            MaxWorkerMemoryBytes = PositiveLong(configuration, "Limits:MaxWorkerMemoryBytes", new RunLimits().MaxWorkerMemoryBytes),
        },
        StorageProvider = ParseStorageProvider(configuration["Storage:Provider"]),
        AzureConnectionString = configuration["Storage:Azure:ConnectionString"],
        CheckpointsPath = configuration.GetValue("Checkpoints:Path", Minimax.Grains.Checkpoints.LocalCheckpointStore.DefaultPath)!,
        ReminderMinimumPeriod = configuration.GetValue<TimeSpan?>("Reminders:MinimumPeriod"),
        IntraOpThreads = string.IsNullOrWhiteSpace(configuration["Workers:IntraOpThreads"]) || configuration["Workers:IntraOpThreads"]!.Trim() == "0"
            ? 0
            : Positive(configuration, "Workers:IntraOpThreads", 0),
        Telemetry = TelemetryOptions.FromConfiguration(configuration),
        Role = ReadRole(configuration["Silo:Role"]),
        SiloName = NullIfEmpty(configuration["Silo:Name"]) ?? NullIfEmpty(configuration["POD_NAME"]),
        ShutdownTimeout = TimeSpan.FromSeconds(PositiveLong(configuration, "Silo:ShutdownTimeoutSeconds", (long)DefaultShutdownTimeout.TotalSeconds, max: 3600)),
        DrainTimeout = TimeSpan.FromSeconds(configuration["Silo:DrainTimeoutSeconds"]?.Trim() is "0"
            ? 0
            : PositiveLong(configuration, "Silo:DrainTimeoutSeconds", (long)Minimax.Grains.Drain.DrainOptions.DefaultTimeout.TotalSeconds, max: 3600, zeroMeans: "off")),
        Dashboard = OrleansDashboardOptions.FromConfiguration(configuration),
    };

    private static StorageProvider ParseStorageProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "memory" => StorageProvider.Memory,
        "azure" => StorageProvider.Azure,
        _ => throw new SiloConfigurationException($"Storage:Provider: '{value}' is not one of memory, azure"),
    };

    private static Minimax.Grains.Cluster.SiloRole ReadRole(string? value) => string.IsNullOrWhiteSpace(value)
        ? Minimax.Grains.Cluster.SiloRole.All
        : Minimax.Grains.Cluster.SiloRole.Parse(value)
            ?? throw new SiloConfigurationException($"Silo:Role: '{value}' is not one of {string.Join(", ", Minimax.Grains.Cluster.SiloRole.Known.Select(role => role.Name))}");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static AuthMode? ReadAuthMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "none" => Security.AuthMode.None,
        // apikey: the name of keys before issue 9, kept so existing configurations still start.
        "keys" or "apikey" => Security.AuthMode.Keys,
        _ => throw new SiloConfigurationException($"Auth:Mode: '{value}' is not one of none, keys"),
    };

    private static int Positive(IConfiguration configuration, string key, int fallback) =>
        checked((int)PositiveLong(configuration, key, fallback, int.MaxValue));

    private static long PositiveLong(IConfiguration configuration, string key, long fallback, long max = long.MaxValue, string? zeroMeans = null)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new SiloConfigurationException($"{key}: '{text}' is not {(zeroMeans is null ? "" : $"0 ({zeroMeans}) or ")}a positive integer{(max < long.MaxValue ? $" up to {max}" : "")}");
    }
}
