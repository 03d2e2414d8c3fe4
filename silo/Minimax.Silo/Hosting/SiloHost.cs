using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Minimax.Grains;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Runtime;
using Minimax.Grains.Jobs;
using Minimax.Silo.Security;
using Minimax.Silo.Services;
using Minimax.Silo.Services.Jobs;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Minimax.Silo.Hosting;

/// <summary>Builds the silo process: an Orleans silo plus the minimax.v1 gRPC API (on loopback unless configured otherwise).</summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args, SiloOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        options ??= SiloOptions.FromConfiguration(builder.Configuration);

        builder.Logging.ClearProviders();
        // Logs go to stderr so that `minimax run --json` keeps stdout for the report alone.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (options.Quiet)
        {
            // Embedded in the CLI: only problems. Orleans' start-up notes (ServerGC, watchdog) are noise there.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
        }

        // Refuse unsafe or broken settings before anything listens (SiloConfigurationException names the key).
        var listenAddress = GrpcEndpoint.ListenAddress(options);
        var certificate = GrpcEndpoint.Certificate(options);
        var siloEndpoints = SiloEndpoints.Resolve(options);
        var siloListenKey = options.ListenAddress is null ? "Silo:ListenAddress (by default Silo:AdvertisedAddress or POD_IP)" : "Silo:ListenAddress";
        var authenticator = ApiKeyAuthenticator.Create(options, [("Grpc:Address", listenAddress), (siloListenKey, siloEndpoints.Listen)]);
        var dataRoots = ConfiguredDataRoots.Create(options);
        if (options.DrainTimeout >= options.ShutdownTimeout)
        {
            throw new SiloConfigurationException(
                $"Silo:DrainTimeoutSeconds: {options.DrainTimeout.TotalSeconds} s is not below Silo:ShutdownTimeoutSeconds ({options.ShutdownTimeout.TotalSeconds} s); the silo needs time to leave the cluster after its drain");
        }
        if (SiloSections.JobSettings(builder.Configuration).Problem() is { } jobsProblem)
        {
            throw new SiloConfigurationException(jobsProblem);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(listenAddress, options.GrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));

        SiloTelemetry.Add(builder, options.Telemetry, listenAddress);
        OrleansDashboard.Listen(builder, options, authenticator, listenAddress, certificate);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            if (options.SiloName is { } siloName)
            {
                silo.Configure<Orleans.Configuration.SiloOptions>(orleans => orleans.SiloName = siloName);
            }
            silo.AddMinimaxGrains(options.Role);
            if (SiloTracing.Enabled(options.Telemetry))
            {
                silo.AddActivityPropagation();
            }
            siloEndpoints.Apply(silo);
            ConfigureStorage(silo, builder.Configuration, options, siloEndpoints);
            OrleansDashboard.Add(silo, options.Dashboard);
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(authenticator);
        builder.Services.AddSingleton(dataRoots);
        builder.Services.AddSingleton<JobAdmission>();
        builder.Services.AddSingleton<JobKindTable>();
        builder.Services.AddSingleton<JobsService>();
        builder.Services.AddGrpc();
        SiloHealth.Add(builder.Services);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var app = builder.Build();
        // Authentication first, from the headers: nothing reads a body an unauthenticated caller sent.
        app.UseMiddleware<ApiKeyMiddleware>();
        SiloTelemetry.Map(app, options.Telemetry);
        app.UseMiddleware<UndecodableRequestMiddleware>();
        app.MapGrpcService<RunsService>();
        app.MapGrpcService<JobsService>();
        app.MapGrpcService<ClusterService>();
        app.MapGrpcHealthChecksService();
        OrleansDashboard.Map(app, options.Dashboard);
        return app;
    }

    private static void ConfigureStorage(ISiloBuilder silo, IConfiguration configuration, SiloOptions options, SiloEndpoints endpoints)
    {
        SiloSections.Bind(silo.Services, configuration);
        // Workers:IntraOpThreads: TorchSharp threads per worker; 0 shares the silo's cores among its workers.
        silo.Services.Configure<WorkerThreadOptions>(threads => threads.IntraOpThreads = options.IntraOpThreads);
        silo.Services.Configure<Minimax.Grains.Drain.DrainOptions>(drain => drain.Timeout = options.DrainTimeout);
        if (options.ReminderMinimumPeriod is { } minimumPeriod)
        {
            silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = minimumPeriod);
        }

        if (options.StorageProvider == StorageProvider.Memory)
        {
            // One silo, its own primary: UseLocalhostClustering without its fixed 127.0.0.1.
            silo.UseDevelopmentClustering(endpoints.Silo);
            // Orleans' binary format, as on Azure: the default JSON cannot read back every state (a
            // collection-expression list in a spec), and a run re-reads its row on a storage conflict.
            silo.AddMemoryGrainStorage("runs", storage => storage.Configure<Serializer>((memory, serializer) =>
                memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ICheckpointStore>(new LocalCheckpointStore(options.CheckpointsPath));
            return;
        }

        var connectionString = options.AzureConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SiloConfigurationException("Storage:Azure:ConnectionString: required when Storage:Provider is azure");
        }
        var tables = new TableServiceClient(connectionString);
        silo.UseAzureStorageClustering(clustering => clustering.TableServiceClient = tables);
        silo.AddAzureTableGrainStorage("runs", storage => storage.Configure<Serializer>((table, serializer) =>
        {
            table.TableServiceClient = tables;
            // Orleans' binary format instead of the default JSON with assembly-qualified type names:
            // state types are written under their [Alias], so renaming or moving one keeps old rows readable.
            table.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAzureTableReminderService(reminders => reminders.TableServiceClient = tables);
        silo.Services.AddSingleton(new BlobServiceClient(connectionString));
        silo.Services.AddSingleton<ICheckpointStore>(services => new BlobCheckpointStore(services.GetRequiredService<BlobServiceClient>()));
    }
}
