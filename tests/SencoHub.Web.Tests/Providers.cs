using SencoHub.Testing;

namespace SencoHub.Web.Tests;

/// <summary>Data tests run on SQLite always and on PostgreSQL whenever SENCOHUB_TEST_POSTGRES is set.</summary>
public static class Providers
{
    public static TheoryData<TestProvider> All
    {
        get
        {
            var data = new TheoryData<TestProvider> { TestProvider.Sqlite };
            if (PostgresTestDatabase.IsAvailable)
            {
                data.Add(TestProvider.Postgres);
            }

            return data;
        }
    }
}
