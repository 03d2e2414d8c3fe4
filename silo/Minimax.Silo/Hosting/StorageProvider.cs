namespace Minimax.Silo.Hosting;

/// <summary>Where run state, reminders, cluster membership and checkpoints live (configuration key Storage:Provider).</summary>
public enum StorageProvider
{
    /// <summary>Memory state, in-memory reminders, localhost clustering, checkpoints in a local folder: one silo, zero setup.</summary>
    Memory,

    /// <summary>Azure Table (state, reminders, membership) and Azure Blob (checkpoints) on Storage:Azure:ConnectionString.</summary>
    Azure,
}
