using Microsoft.Data.Sqlite;

namespace Gongkai.Testing;

/// <summary>
/// A data folder of its own for one fixture, removed afterwards, with its PostgreSQL database when
/// the run tests PostgreSQL (<see cref="TestDatabase"/>).
/// </summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gongkai-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        TestDatabase.Drop(Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background thread: the OS temp cleaner takes it.
        }
    }
}
