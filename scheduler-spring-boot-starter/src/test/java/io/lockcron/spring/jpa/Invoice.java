package io.lockcron.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One invoice per fire; its id is the fire's idempotency key, so a doubled fire cannot commit twice. */
@Entity
@Table(name = "jpa_invoice")
public class Invoice {
    @Id
    private String id;

    private String job;

    private String fireTime;

    protected Invoice() {}

    Invoice(String id, String job, String fireTime) {
        this.id = id;
        this.job = job;
        this.fireTime = fireTime;
    }

    public String getId() {
        return id;
    }
}
