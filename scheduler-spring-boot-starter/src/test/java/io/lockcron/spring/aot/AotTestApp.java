package io.lockcron.spring.aot;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A small lockcron application for the AOT processing test. */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"
        })
public class AotTestApp {
    public static void main(String[] args) {
        SpringApplication.run(AotTestApp.class, args);
    }

    @Component
    static class Billing {
        @ClusteredJob(name = "aot-billing", fixedRate = "1h")
        void bill(JobContext ctx) {}
    }
}
