using Minimax.Grains.Jobs;
using Orleans.Configuration;

namespace Minimax.Silo.Hosting;

/// <summary>The configuration sections the silo binds whole to options (the keys under them are the options' property names).</summary>
public static class SiloSections
{
    public static void Bind(IServiceCollection services, IConfiguration configuration)
    {
        // Failure detection (ProbeTimeout, NumMissedProbesLimit, TableRefreshTimeout, ...) by name, so
        // tests that kill silos can make it fast without code changes.
        services.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Membership"));
        // Runs:ResumeCheckPeriod: how often an unfinished job's reminder checks that its work goes on.
        services.Configure<JobRecoveryOptions>(configuration.GetSection("Runs"));
        // Jobs:ListPageSize: how many jobs one page (one state row) of a tenant's job list holds;
        // Jobs:Retention and Jobs:RetentionCheckPeriod: how long finished jobs are kept.
        services.Configure<JobRegistryOptions>(configuration.GetSection("Jobs"));
    }

    /// <summary>The Jobs section read at start-up, so a bad value is refused before anything listens.</summary>
    public static JobRegistryOptions JobSettings(IConfiguration configuration)
    {
        var settings = new JobRegistryOptions();
        try
        {
            configuration.GetSection("Jobs").Bind(settings);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the value it could not convert.
            throw new SiloConfigurationException($"Jobs: {exception.Message}");
        }
        return settings;
    }
}
